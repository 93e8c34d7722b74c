"""Write ``examples/answers-example.yaml`` (and ``answers-example.en.yaml``, the same answers
with English free text): a fictional Swedish online retailer's answers.

Nordlys Hem AB is invented. Its figures are realistic for a home-furnishings web shop with
about 70 000 customer contacts a year, so the rendered tender and the staffing figures look
like a real case. Run this again after the question bank changes, so the header records the
bank it was written against:

    python examples/make_example.py

The script refuses to write a file that does not validate against the built-in bank.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from cc_rfp.core import conditions
from cc_rfp.core.answers import Answers, Unknown, save_answers
from cc_rfp.core.bank import Bank, load_bank
from cc_rfp.core.values import check_value

OUT = Path(__file__).resolve().parent / "answers-example.yaml"
OUT_EN = Path(__file__).resolve().parent / "answers-example.en.yaml"
CREATED = "2026-11-20T09:00:00+00:00"

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def months(*values: int) -> dict[str, int]:
    return dict(zip(MONTHS, values, strict=True))


def week(weekdays: str, saturday: str, sunday: str) -> dict[str, str]:
    days = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), weekdays)
    return {**days, "sat": saturday, "sun": sunday}


def intraday(bank: Bank, shares: dict[int, float]) -> dict[str, float]:
    """Every key of the bank's ``hours`` keyset, with the share of the day for open hours."""
    keys = [k.value for k in bank.keysets["hours"].keys]
    return {key: shares.get(index, 0) for index, key in enumerate(keys)}


def answers_for(bank: Bank) -> dict[str, object]:
    return {
        # --- tender ---------------------------------------------------------------------
        "buyer_name": "Nordlys Hem AB",
        "buyer_org_number": "556812-3490",
        "tender_reference": "NH-2027-01",
        "document_version": "1.0",
        "document_date": "2026-12-14",
        "procurement_regime": "private",
        "contact_name": "Anna Berg, kundservicechef",
        "contact_email": "upphandling@nordlyshem.se",
        "contact_phone": "08-520 118 40",
        "questions_deadline": "2027-01-15",
        "bid_deadline": "2027-01-29",
        "bid_deadline_time": "12:00",
        "qa_answers_by": "2027-01-20",
        "decision_date": "2027-02-26",
        "contract_start": "2027-04-01",
        "contract_months": 36,
        "extension_option": True,
        "extension_months": 12,
        "submission_method": "email",
        "submission_details": (
            "upphandling@nordlyshem.se, märk ämnesraden ”Anbud kundservice 2027”"
        ),
        "bid_language": "sv",
        "bid_validity_days": 90,
        "prevailing_language": "sv",
        "reservations": "rejected",
        "bid_contents": [
            "company_presentation",
            "solution",
            "staffing_plan",
            "price_form",
            "transition_plan",
            "references",
            "security",
        ],
        "bid_contents_other": (
            "Anbudet ska följa underlagets disposition, vara högst 30 sidor exklusive bilagor "
            "och undertecknas av behörig firmatecknare. Prisbilagan lämnas i Excel."
        ),
        # --- company --------------------------------------------------------------------
        "company_description": (
            "Nordlys Hem säljer heminredning, textilier och mindre möbler online i Sverige. "
            "Bolaget grundades 2014, omsätter cirka 420 MSEK och har 95 anställda i Borås, "
            "där även lagret ligger."
        ),
        "business_idea": (
            "Att göra det enkelt och prisvärt att skapa ett hem med nordisk känsla, med ett "
            "noga utvalt sortiment, snabba leveranser och fri retur i 60 dagar."
        ),
        "vision": "Nordens mest omtyckta hemsajt – den kunderna går till först.",
        "business_goals": (
            "Växa med 10–12 % per år, lansera i Norge hösten 2027 och höja andelen "
            "återkommande kunder från 38 % till 45 %. Kundservice ska bidra genom hög "
            "tillgänglighet i toppar och genom att fler ärenden löses direkt."
        ),
        "customer_type": "consumers",
        "active_customers": 52000,
        "customers_description": (
            "Privatpersoner, mest kvinnor 25–55 år i hela Sverige. Kunderna handlar i "
            "genomsnitt 2,1 gånger per år och är vana vid digitala kanaler, men många ringer "
            "när leveransen är försenad eller när en vara är skadad."
        ),
        "languages_served": ["sv", "en"],
        "current_setup": "in_house",
        "current_fte": 16.5,
        "channels": ["phone", "email", "chat"],
        "case_types": [
            {
                "name": "Orderstatus och leveranstid",
                "handling": "Slås upp i ordersystemet och besvaras direkt.",
                "share": 30,
                "aht_seconds": 270,
                "channel": "phone",
            },
            {
                "name": "Returer och återbetalningar",
                "handling": (
                    "Returetikett skickas; återbetalning görs när returen är mottagen "
                    "eller direkt upp till beloppsgränsen."
                ),
                "share": 22,
                "aht_seconds": 390,
                "channel": "email",
            },
            {
                "name": "Leveransproblem",
                "handling": (
                    "Försenade eller skadade leveranser. Reklamation registreras och "
                    "transportören kontaktas; ersättningsvara skickas vid skada."
                ),
                "share": 18,
                "aht_seconds": 480,
                "channel": "phone",
            },
            {
                "name": "Produktfrågor",
                "handling": "Besvaras med stöd av produktdatabasen; svåra frågor går till inköp.",
                "share": 14,
                "aht_seconds": 330,
                "channel": "chat",
            },
            {
                "name": "Betalning och faktura",
                "handling": (
                    "Frågor om delbetalning och faktura. Betalpartnern hanterar krediter; "
                    "kundservice förklarar och kopplar vidare."
                ),
                "share": 10,
                "aht_seconds": 360,
                "channel": "phone",
            },
            {
                "name": "Klagomål",
                "handling": (
                    "Registreras och utreds; kompensation upp till gränsen, "
                    "annars beslutar teamledaren."
                ),
                "share": 6,
                "aht_seconds": 540,
                "channel": "email",
            },
        ],
        "case_handling_notes": (
            "Ärenden som kräver beslut över beloppsgränserna eller utredning med "
            "transportör går till vår andra linje (tre personer), som återkopplar till "
            "kunden inom två arbetsdagar."
        ),
        "escalation_share": 9,  # an estimate (8–10 %); buyer-only facts need a figure
        "handling_time_source": "mixed",
        "acw_included": True,
        "acw_seconds": 55,
        "has_survey": True,
        "survey_method": (
            "Sms-enkät direkt efter avslutat samtal eller chatt, och e-post dagen efter "
            "besvarat mejl. Två frågor: nöjdhet med kontakten (1–5) och "
            "rekommendationsvilja (0–10). Vi använder Trustcloud och genomför den själva."
        ),
        "survey_results": (
            "2025/2026: 81 % nöjda (4–5 av 5) med kontakten, NPS +24. Kunderna uppskattar "
            "kunniga och vänliga medarbetare men är missnöjda med kötiderna i november–januari."
        ),
        "survey_response_rate": 14,
        "systems_in_use": [
            "telephony",
            "ivr",
            "ticketing",
            "knowledge_base",
            "chat_platform",
            "reporting",
            "survey_tool",
            "order_system",
        ],
        "current_systems": (
            "Telefoni och talsvar – Telia ACE; ärenden och e-post – Zendesk; chatt – Zendesk "
            "Messaging; kunskapsdatabas – Zendesk Guide; ordersystem – Centra; "
            "kundundersökning – Trustcloud."
        ),
        "data_gaps": (
            "Dygnskurvan bygger på telefoni under oktober 2026. Vi har ingen tillförlitlig "
            "prognosuppföljning och mäter inte hur stor andel ärenden som skickas vidare. "
            "Anbudsgivaren får föreslå antaganden där uppgifter saknas."
        ),
        # --- volumes --------------------------------------------------------------------
        "volume_period": "november 2025 – oktober 2026",
        "volume_phone": months(
            4300, 3200, 3100, 3000, 3100, 3000, 2600, 3000, 3200, 3500, 4600, 4400
        ),
        "phone_volume_basis": "offered",
        "volume_email": months(
            1700, 1200, 1150, 1100, 1150, 1100, 1000, 1150, 1200, 1300, 1800, 1750
        ),
        "volume_chat": months(1300, 850, 850, 820, 850, 820, 720, 850, 900, 1000, 1450, 1350),
        "aht_phone": 360,
        "aht_email": 420,
        "aht_chat": 540,
        "weekday_share": {
            "mon": 21,
            "tue": 18,
            "wed": 17,
            "thu": 16,
            "fri": 15,
            "sat": 8,
            "sun": 5,
        },
        "intraday_share": intraday(
            bank, {8: 8, 9: 13, 10: 13, 11: 11, 12: 8, 13: 11, 14: 11, 15: 10, 16: 8, 17: 7}
        ),
        "peak_periods": (
            "Black Friday-veckan och veckorna före jul ger 40–60 % fler kontakter än normalt. "
            "Första veckorna i januari kommer många returer. Vid större kampanjutskick "
            "(cirka åtta per år) ökar samtalen med 25 % under två dagar."
        ),
        "current_answer_rate": 91,
        "current_asa_seconds": 75,
        "current_kpi_results": (
            "Servicegrad telefon 62 % inom 20 s (helår), e-post 78 % besvarade inom 24 timmar, "
            "chatt 85 % besvarade inom 60 s. Lösningsgrad mäts inte systematiskt."
        ),
        "forecast_accuracy_now": 88,  # the 2026 budget per month against the outcome
        "volume_growth_percent": 10,
        "growth_drivers": (
            "Organisk tillväxt och lansering i Norge hösten 2027 (norska kunder betjänas på "
            "svenska eller engelska första året). Bättre spårningssidor väntas minska "
            "frågorna om orderstatus något."
        ),
        # --- purpose --------------------------------------------------------------------
        "purpose_ranking": ["satisfaction", "peaks", "growth", "cost", "revenue", "development"],
        "purpose_satisfaction": (
            "Kortare köer, särskilt i november–januari, och fler ärenden lösta i första "
            "kontakten. Kunderna ska mötas av samma kunniga och varma ton som i dag."
        ),
        "purpose_cost": (
            "Vi vill betala för faktisk volym i stället för att bemanna för toppar med egen "
            "personal, och slippa dyr inhyrning under julhandeln."
        ),
        "cost_target_percent": Unknown("Intern siffra som inte lämnas ut i upphandlingen."),
        "purpose_revenue": (
            "Kundservice kan öka återköpen genom gott bemötande och ett erbjudande vid "
            "reklamationer. Aktiv försäljning är inget huvudsyfte."
        ),
        "revenue_levers": ["repeat_business"],
        "purpose_development": (
            "Vi vill att leverantören föreslår förbättringar av självbetjäning och "
            "kunskapsdatabas och på sikt en chattbot för enkla frågor."
        ),
        "purpose_growth": (
            "Leverantören ska kunna ta emot norska kunder från hösten 2027 och växa med "
            "omkring 10 % om året utan nyupphandling."
        ),
        "purpose_peaks": (
            "Leverantören ska kunna skala upp 50 % i november–januari, med de extra "
            "medarbetarna utbildade senast den 1 november, och klara att samtalen ökar "
            "med 25 % i två dagar efter varje större kampanjutskick."
        ),
        "needs_to_goals": [
            {
                "purpose": "satisfaction",
                "need": "Kortare telefonkö",
                "goal": "80 % besvarade inom 20 s per dag",
            },
            {
                "purpose": "satisfaction",
                "need": "Snabba svar på e-post",
                "goal": "90 % besvarade inom 24 timmar",
            },
            {
                "purpose": "satisfaction",
                "need": "Fler ärenden lösta direkt",
                "goal": "75 % lösta i första kontakten enligt kundenkät",
            },
            {
                "purpose": "peaks",
                "need": "Klara toppar utan köer",
                "goal": "Servicegraden gäller även i november–december",
            },
            {
                "purpose": "cost",
                "need": "Betala för faktisk volym",
                "goal": "Pris per hanterad kontakt",
            },
        ],
        # --- service --------------------------------------------------------------------
        "scope_model": "full",
        "scope_split": [
            {
                "area": "Orderstatus och leveransfrågor",
                "supplier_does": "Hanterar hela ärendet",
                "buyer_keeps": "Kontakt med transportör vid förlorade paket",
            },
            {
                "area": "Returer och återbetalning",
                "supplier_does": "Registrerar retur och återbetalar upp till 2 000 kr",
                "buyer_keeps": "Återbetalningar över gränsen",
            },
            {
                "area": "Reklamationer och klagomål",
                "supplier_does": "Tar emot, bedömer och kompenserar upp till 300 kr",
                "buyer_keeps": "Tvister och ärenden till ARN",
            },
            {
                "area": "Betalning och faktura",
                "supplier_does": "Besvarar frågor och kopplar till betalpartnern",
                "buyer_keeps": "Kreditbeslut (hos betalpartnern)",
            },
        ],
        "opening_hours": {
            "phone": week("08:00-18:00", "10:00-14:00", "closed"),
            "email": week("08:00-18:00", "10:00-14:00", "closed"),
            "chat": week("08:00-20:00", "10:00-16:00", "10:00-16:00"),
        },
        "holiday_hours": (
            "Stängt på helgdagar. Julafton, nyårsafton och midsommarafton stängt. "
            "Annandag jul samt 27–30 december öppet 10:00-16:00 för returer."
        ),
        "acceptable_wait_seconds": 60,
        "preferred_channels": ["phone", "chat"],
        "channel_strategy": (
            "Vi vill flytta enkla frågor om orderstatus till chatt och spårningssidan, men "
            "telefon ska finnas kvar för leveransproblem och klagomål."
        ),
        "cost_priority": "balanced",
        "cost_tradeoff_notes": (
            "Lägre tillgänglighet kan accepteras i juli och på söndagar i chatten. "
            "E-post får ha 48 timmars svarstid under Black Friday-veckan."
        ),
        "service_languages": ["sv", "en"],
        "call_recording": True,
        "recording_retention_days": 90,
        "service_location": "eu_eea",
        "homeworking_allowed": True,
        "team_model": "dedicated",
        "answer_as_buyer": True,
        "sales_in_scope": False,
        "retention_in_scope": False,
        "customer_input": (
            "I enkäter och recensioner efterfrågar kunderna kortare köer i högsäsong, svar "
            "på kvällstid i chatten och att slippa upprepa sitt ärende när de kopplas vidare."
        ),
        "department_input": [
            {
                "department": "marketing",
                "gives": "Kampanjkalender och erbjudanden minst tio dagar före start",
                "needs_back": "Kundernas frågor och synpunkter på kampanjer, veckovis",
            },
            {
                "department": "logistics",
                "gives": "Leveransstörningar och förseningar samma dag",
                "needs_back": (
                    "Larm vid ökning av leveransärenden och skadestatistik per transportör"
                ),
            },
            {
                "department": "finance",
                "gives": "Regler för återbetalning och kompensation",
                "needs_back": "Månadsrapport över återbetalningar och kompensation",
            },
            {
                "department": "management",
                "gives": "Mål och prioriteringar för året",
                "needs_back": "Måluppfyllelse och kundinsikter per kvartal",
            },
            {
                "department": "customer_service",
                "gives": "Rutiner, kunskapsdatabas och utbildning vid start",
                "needs_back": "Ärenden som kräver andra linjen, med fullständig dokumentation",
            },
        ],
        # --- kpis -----------------------------------------------------------------------
        "kpi_targets": [
            {
                "kpi": "service_level",
                "channel": "phone",
                "percent": 80,
                "seconds": 20,
                "level": "mandatory",
                "interval": "day",
                "reporting": "daily",
                "today": 62,
            },
            {
                "kpi": "asa",
                "channel": "phone",
                "seconds": 30,
                "level": "desirable",
                "interval": "month",
                "reporting": "monthly",
            },
            {
                "kpi": "answer_rate",
                "channel": "phone",
                "percent": 95,
                "level": "mandatory",
                "interval": "month",
                "reporting": "monthly",
            },
            {
                "kpi": "service_level",
                "channel": "chat",
                "percent": 80,
                "seconds": 60,
                "level": "desirable",
                "interval": "day",
                "reporting": "weekly",
                "today": 85,
            },
            {
                "kpi": "email_response",
                "channel": "email",
                "percent": 90,
                "hours": 24,
                "level": "mandatory",
                "interval": "week",
                "reporting": "weekly",
                "today": 78,
            },
            {
                "kpi": "fcr",
                "percent": 75,
                "level": "desirable",
                "interval": "month",
                "reporting": "monthly",
                "method": (
                    "Fråga i kundenkäten: ”Fick du hjälp med ditt ärende vid detta tillfälle?”"
                ),
                "today": Unknown().to_yaml(),  # resolution is not measured systematically
            },
            {
                "kpi": "nps",
                "score": 30,
                "level": "desirable",
                "interval": "month",
                "reporting": "monthly",
                "today": 24,
            },
            {
                "kpi": "csat",
                "percent": 85,
                "level": "desirable",
                "interval": "month",
                "reporting": "monthly",
                "today": 81,
            },
            {
                "kpi": "qa_score",
                "percent": 90,
                "level": "desirable",
                "interval": "month",
                "reporting": "monthly",
                "method": (
                    "Beställarens kvalitetssamordnare granskar tio kontakter per medarbetare "
                    "och månad mot checklistan."
                ),
            },
        ],
        "goals_origin": (
            "Servicegrad och svarstider bygger på vad kunderna säger att de accepterar "
            "(cirka en minut) och på branschjämförelser. Nöjdhetsmålen ligger något över "
            "dagens resultat."
        ),
        "measurement_systems": (
            "Telefoni- och chattmål mäts i Telia ACE, e-post i Zendesk, nöjdhet och "
            "lösningsgrad i Trustcloud. Leverantören får läsåtkomst till rapporterna."
        ),
        "goals_adjustable": "annual_review",
        "goal_review_process": (
            "Målen ses över i styrgruppen varje januari. Båda parter kan föreslå ändringar; "
            "skärpta mål som kräver mer bemanning prissätts enligt ändringsrutinen."
        ),
        "sl_abandon_rule": "answered_over_offered",
        "short_abandon_seconds": 5,
        "sl_clock_start": "queue_entry",
        "email_response_clock": "opening_hours",
        "fcr_method": "survey",
        "satisfaction_measures": ["nps", "csat", "ces"],
        "survey_owner": "buyer",
        "csat_question": "Hur nöjd är du med hjälpen du fick av vår kundservice i dag?",
        "csat_scale": "scale_1_5",
        "csat_formula": "top_two",
        "ces_question": Unknown(
            "CES införs under 2027; frågan och skalan bestäms tillsammans med leverantören."
        ),
        "shrinkage_percent": 30,
        "fte_hours_per_week": 40,
        "chat_concurrency": 2,
        # --- processes ------------------------------------------------------------------
        "internal_organisation": (
            "Kundservicechefen blir uppdragsansvarig (cirka 50 %). Andra linjen med tre "
            "personer finns kvar hos oss och svarar på leverantörens frågor under "
            "öppettid. Ekonomi och logistik utser varsin kontaktperson."
        ),
        "governance_meetings": [
            {
                "meeting": "Driftmöte",
                "frequency": "weekly",
                "participants": "Leverantörens teamledare och vår kundservicechef",
            },
            {
                "meeting": "Uppföljning av mål och förbättringar",
                "frequency": "monthly",
                "participants": "Uppdragsansvariga hos båda parter",
            },
            {
                "meeting": "Styrgrupp",
                "frequency": "quarterly",
                "participants": "Vår vd och kundservicechef, leverantörens affärsansvarige",
            },
        ],
        "supplier_processes": (
            "Returer, reklamationer, ändring och avbeställning av order, eskalering till "
            "andra linjen, klagomål och begäran om registerutdrag enligt GDPR. Rutiner finns "
            "dokumenterade i Zendesk Guide."
        ),
        "change_procedure": (
            "Ändringar begärs skriftligt av den uppdragsansvarige. Leverantören lämnar en "
            "bedömning av konsekvenser och pris inom tio arbetsdagar; ändringen gäller när "
            "båda parter godkänt den."
        ),
        "supplier_mandates": [
            "refund",
            "compensation",
            "replacement",
            "change_order",
            "customer_data",
        ],
        "refund_limit_sek": 2000,
        "compensation_limit_sek": 300,
        "mandate_notes": (
            "Återbetalningar över 2 000 kr, tvister, ärenden till Allmänna "
            "reklamationsnämnden och frågor från media går till vår andra linje, som svarar "
            "leverantören inom en arbetsdag."
        ),
        "sourcing_model": "partner",
        "partnership_expectations": (
            "Gemensamma förbättringsmål, öppen redovisning av bemanning och resultat och "
            "minst ett konkret förbättringsförslag per kvartal."
        ),
        "process_ownership": "together",
        "information_flow": (
            "Zendesk Guide är gemensam kunskapsdatabas. Kampanjer meddelas senast tio dagar "
            "före start, driftstörningar i webbutiken omedelbart via en gemensam Teams-kanal."
        ),
        "customer_insight": (
            "Månadsrapport med kontaktorsaker, trender och kundcitat, gemensam medlyssning "
            "en gång per månad och förbättringsförslag från medarbetarna."
        ),
        "fault_reporting": (
            "Leverantören larmar vår driftansvarige via Teams och telefon inom en timme om "
            "en ärendetyp ökar med mer än 20 % under en dag, eller om flera kunder "
            "rapporterar samma fel i kassan, leveransen eller en produkt."
        ),
        "forecast_responsibility": "joint",
        "forecast_process": (
            "Vi lämnar kampanjplan och försäljningsbudget per månad i oktober. Leverantören "
            "tar fram prognos per vecka sex veckor framåt och per dag och timme en vecka före."
        ),
        "volume_tolerance_percent": 15,
        "improvement_work": (
            "Månatlig analys av upprepade kontakter och orsaker, medlyssning och coachning, "
            "gemensam förbättringslista som följs upp på månadsmötet."
        ),
        # --- technology -----------------------------------------------------------------
        "tech_responsibility": [
            {"component": "telephony", "provided_by": "bidder_proposes", "product": "Telia ACE"},
            {"component": "ivr", "provided_by": "bidder_proposes", "product": "Telia ACE"},
            {"component": "ticketing", "provided_by": "buyer", "product": "Zendesk"},
            {"component": "knowledge_base", "provided_by": "buyer", "product": "Zendesk Guide"},
            {"component": "chat_platform", "provided_by": "buyer", "product": "Zendesk Messaging"},
            {"component": "order_system", "provided_by": "buyer", "product": "Centra"},
            {
                "component": "wfm",
                "provided_by": "supplier",
                "notes": "Leverantörens eget planeringsverktyg",
            },
            {
                "component": "recording",
                "provided_by": "supplier",
                "notes": "Inspelningar lagras inom EU/EES",
            },
        ],
        "integrations": (
            "Medarbetarna loggar in i Zendesk och Centra med våra konton via SSO. Byter "
            "leverantören telefoni ska kundkortet i Zendesk öppnas när samtalet kopplas fram."
        ),
        "security_requirements": (
            "Sekretessavtal för alla medarbetare, personliga konton, tvåstegsinloggning, "
            "inga kortuppgifter i ärenden, hemarbete endast via leverantörens låsta datorer."
        ),
        "supplier_help_areas": ["forecasting", "training", "conversation_strategy", "multichannel"],
        "help_areas_notes": (
            "Vi vill ha hjälp att förbättra prognoserna och att utveckla chatten, "
            "på sikt med en chattbot för orderstatus."
        ),
        "redundancy_requirements": (
            "Vid avbrott på en site ska arbetet kunna fortsätta hemifrån eller från en annan "
            "site inom fyra timmar. Vi ska informeras inom 30 minuter vid störning."
        ),
        "automation_policy": "with_approval",
        "reports": [
            {
                "report": "Volym, servicegrad och bemanning per timme",
                "frequency": "daily",
                "recipient": "Kundservicechef",
            },
            {
                "report": "Måluppfyllelse per mål och kanal",
                "frequency": "monthly",
                "recipient": "Kundservicechef och vd",
            },
            {
                "report": "Kontaktorsaker, trender och kundcitat",
                "frequency": "monthly",
                "recipient": "Ledningsgruppen",
            },
            {
                "report": "Återbetalningar och kompensation",
                "frequency": "monthly",
                "recipient": "Ekonomichef",
            },
        ],
        "realtime_access": True,
        "competencies_sought": ["industry", "workforce_management", "analytics", "cx_development"],
        "competence_complement": (
            "Vi kan våra produkter och kunder men saknar erfarenhet av bemanningsplanering "
            "för toppar och av att utveckla chatt och självbetjäning."
        ),
        "training_responsibility": "train_the_trainer",
        "team_leader_ratio": Unknown(
            "Vi har i dag en teamledare på 16 medarbetare; leverantören föreslår sin modell."
        ),
        # --- pricing --------------------------------------------------------------------
        "pricing_model_source": "prescribed_plus_alternative",
        "price_unit_phone": "per_hour",
        "price_unit_email": "per_contact",
        "price_unit_chat": "per_contact",
        "pricing_extras": ["management_fee", "incentives"],
        "billable_min_seconds": 10,
        "billable_transfers": "once",
        "billable_callbacks": "part_of_contact",
        "billable_reopen_days": 7,
        "billable_chat_first_reply": "not_billable",
        "billable_unit_definition": (
            "En hanterad kontakt är ett besvarat samtal, en besvarad chatt eller ett avslutat "
            "e-postärende. Felkopplade samtal under 20 sekunder och korta avbrott räknas "
            "inte. Ett e-postärende räknas en gång oavsett antal svar."
        ),
        "rate_inclusions": [
            "team_leaders",
            "quality",
            "wfm",
            "training",
            "technology",
            "premises",
            "management",
            "recruitment",
            "shrinkage",
        ],
        "volume_floor_percent": 85,
        "bonus_malus": "both",
        "bonus_malus_cap_percent": 8,
        "start_up_pricing": "fixed_price",
        "start_up_scope": [
            "recruitment",
            "initial_training",
            "system_setup",
            "integrations",
            "knowledge_transfer",
            "project_management",
        ],
        "exit_pricing": "fixed_price",
        "price_options": [
            {
                "option": "extra_language",
                "description": "Norska från lanseringen i Norge hösten 2027",
                "unit": "per_contact",
                "quantity": 6000,
                "weight": 50,
            },
            {
                "option": "extended_hours",
                "description": "Telefon vardagar 18–20",
                "unit": "per_hour",
                "quantity": 500,
                "weight": 0,
            },
        ],
        "price_volume_band_percent": 20,
        "scenario_basis": "document_volumes",
        "scenario_period": "contract_period",
        # --- evaluation -----------------------------------------------------------------
        "evaluation_basis": "price_and_quality",
        "evaluation_model": "value_added",
        "quality_criteria": [
            {
                "criterion": "Lösningsbeskrivning och bemanningsplan",
                "value_sek": 600000,
                "desirables": (
                    "Bör-kraven om prognosarbete, kvalitetsuppföljning och chattutveckling"
                ),
                "score_5": (
                    "Konkret plan för våra toppar med visad bemanning per halvtimme, "
                    "prognosmetod med uppmätt träffsäkerhet och ett arbetssätt som höjer "
                    "lösningsgraden, belagt i liknande uppdrag."
                ),
                "score_3": "En rimlig plan för toppar och prognoser, delvis allmänt beskriven.",
                "score_1": "Allmän beskrivning som inte visar hur våra toppar och mål nås.",
            },
            {
                "criterion": "Övergångsplan",
                "value_sek": 250000,
                "desirables": "Bör-kravet om parallelldrift",
                "score_5": (
                    "Milstolpar, ansvar och risker per vecka fram till driftstart, test av "
                    "system och en gradvis överflyttning av volym."
                ),
                "score_3": "Milstolpar och ansvar finns men riskerna är inte hanterade.",
                "score_1": "En tidplan utan ansvar eller test.",
            },
            {
                "criterion": "Presentation",
                "value_sek": 150000,
                "desirables": "–",
                "score_5": (
                    "Teamet som ska driva uppdraget visar hur det löser tre av våra "
                    "vanligaste ärenden och svarar konkret på frågor om bemanning."
                ),
                "score_3": "Teamet visar lösningen men svaren är delvis allmänna.",
                "score_1": "Presentationen är en försäljningspresentation utan koppling till oss.",
            },
        ],
        "scoring_method": (
            "Varje ledamot i utvärderingsgruppen poängsätter för sig; gruppen enas sedan om en "
            "poäng per kriterium och motiverar den skriftligt."
        ),
        "tie_break": "quality_then_lot",
        "presentation_required": True,
        "reference_check": True,
        "references_use": "qualification",
        # --- contract -------------------------------------------------------------------
        "financial_requirements": (
            "Lägst riskklass 3 hos UC eller motsvarande och en omsättning på minst 30 MSEK per år."
        ),
        "references_count": 3,
        "certifications": ["iso_9001", "iso_27001"],
        "certification_level": "desirable",
        "processor_role": True,
        "dpa_included": True,
        "sub_processors": "prior_approval",
        "data_location": "eu_eea",
        "personal_data_categories": ["contact_details", "case_history", "order_data", "recordings"],
        "case_data_retention_days": 30,
        "deletion_at_exit_days": 30,
        "transition_requirements": (
            "Milstolpar för rekrytering, utbildning och systemtest, gradvis överflyttning "
            "kanal för kanal under fyra veckor och gemensamt beslut om full drift."
        ),
        "go_live_date": "2027-05-03",
        "buyer_staff_transition": (
            "Två av våra erfarna medarbetare utbildar och sitter med leverantörens team de "
            "första tre veckorna; vi behåller e-posten tills leverantören är klar."
        ),
        "staff_transfer": "offer",
        "las_position": "not_transfer",
        "transfer_staff": [
            {
                "role": "Kundtjänstmedarbetare",
                "headcount": 14,
                "fte_percent": 90,
                "salary_min": 27500,
                "salary_max": 31500,
            },
            {
                "role": "Seniora handläggare, reklamationer",
                "headcount": 3,
                "fte_percent": 100,
                "salary_min": 31000,
                "salary_max": 34500,
            },
            {
                "role": "Teamledare",
                "headcount": 1,
                "fte_percent": 100,
                "salary_min": 38000,
                "salary_max": 38000,
            },
        ],
        "collective_agreement": "Tjänstemannaavtalet Almega–Unionen",
        "exit_requirements": (
            "Exitplan ska lämnas i anbudet. Vid avslut lämnas data och dokumentation "
            "tillbaka, leverantören stöder nästa leverantör i upp till tre månader och "
            "servicenivåerna gäller under hela avvecklingen."
        ),
        "exit_staff_takeover": True,
        "price_adjustment_index": "aki",
        "aki_series": "salaried",
        "aki_industry": "section_n",
        "index_release": "preliminary",
        "index_base_month": "2026-10",
        "indexed_share_percent": 85,
        "fallback_index": "lci",
        "termination_notice_months": 6,
        "sla_rampup_months": 3,
        "sla_system_of_record": "buyer",
        "survey_min_sample": 100,
        "sla_exceptions": [
            {"kpi": "service_level", "channel": "phone", "period": "Juli", "target": 70},
            {
                "kpi": "service_level",
                "channel": "phone",
                "period": "Black Week (vecka 47)",
                "target": 70,
            },
            {"kpi": "service_level", "channel": "chat", "period": "Juli", "target": 70},
        ],
        "material_breach_months": 3,
        "penalty_schedule": [
            {"kpi": "service_level", "channel": "phone", "per_unit_percent": 0.5, "cap_percent": 3},
            {"kpi": "answer_rate", "channel": "phone", "per_unit_percent": 0.5, "cap_percent": 2},
            {
                "kpi": "email_response",
                "channel": "email",
                "per_unit_percent": 0.3,
                "cap_percent": 3,
            },
        ],
        "earn_back_months": 3,
        "bonus_kpi": "csat",
        "bonus_threshold": 88,
        "bonus_per_unit_percent": 0.5,
        "volume_floor_basis": "forecast",
        "volume_floor_period": "month",
        "volume_floor_scope": "per_channel",
        "volume_floor_charge_percent": 50,
        "scale_up_notice_weeks": 8,
        "recruiting_above_forecast": "buyer_above_tolerance",
        "change_response_days": 10,
        "liability_cap_months": 12,
        "insurance_sek": 10000000,
        "confidentiality_years": 5,
        "ip_content": "buyer",
        "subcontractors": "approval",
        "audit_notice_days": 10,
        "cure_days": 30,
        "exit_fees": "price_form_only",
        "disputes": "court",
    }


ENGLISH: dict[str, str] = yaml.safe_load(
    (Path(__file__).resolve().parent / "example-english.yaml").read_text(encoding="utf-8")
)
"""English for every free-text answer of the example, so the English example reads English
throughout (``answers-example.en.yaml``); a string not found here stays as it is."""


def in_english(value: object) -> object:
    """``value`` with every free-text string the example wrote in Swedish put in English."""
    if isinstance(value, str):
        return ENGLISH.get(value, value)
    if isinstance(value, Unknown):
        return Unknown(ENGLISH.get(value.note, value.note))
    if isinstance(value, dict):
        return {key: in_english(item) for key, item in value.items()}
    if isinstance(value, list):
        return [in_english(item) for item in value]
    return value


def swedish_left(value: object) -> list[str]:
    """Free text still in Swedish after ``in_english`` (å, ä or ö in it): must be none."""
    if isinstance(value, Unknown):
        value = value.note
    if isinstance(value, str):
        plain = value.replace("Borås", "")  # a place name, the same in English
        return [value] if any(c in plain for c in "åäöÅÄÖ") else []
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [found for item in items for found in swedish_left(item)]


def problems(bank: Bank, values: dict[str, object]) -> list[str]:
    """Every reason the example would not validate (empty when it is fine)."""
    answers = Answers(values=values)
    known = answers.known()
    found: list[str] = []
    for qid, value in values.items():
        question = bank.questions.get(qid)
        if question is None:
            found.append(f"{qid}: not in the bank")
            continue
        if not conditions.holds(question.when, known):
            found.append(f"{qid}: answered but its condition does not hold ({question.when})")
        if not isinstance(value, Unknown):
            found += [
                f"{qid}{list(path)}: {m}" for path, m in check_value(bank, question, value, known)
            ]
    return found


def main() -> int:
    bank = load_bank()
    values = answers_for(bank)
    found = problems(bank, values)
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    english = {qid: in_english(value) for qid, value in values.items()}
    left = [
        text
        for qid, value in english.items()
        if qid != "buyer_name"
        for text in swedish_left(value)
    ]
    found = problems(bank, english) + [f"not in English: {text}" for text in left]
    if found:
        print("\n".join(found), file=sys.stderr)
        return 1
    for path, lang, content in ((OUT, "sv", values), (OUT_EN, "en", english)):
        answers = Answers(
            values=content,
            language=lang,
            created=CREATED,
            bank_version=bank.version,
            bank_sha256=bank.sha256,
        )
        save_answers(path, answers, order=bank.order)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
