--[[
cc-rfp: what pandoc needs to typeset the tender (Word and Typst alike).

A `<br>` in a table cell (mdtext.cell writes one for a line break in an answer) becomes a
line break; pandoc would otherwise drop it as raw HTML.

Deliberate table widths, and landscape pages for tables too wide for portrait:

pandoc gives a pipe table equal columns once any row is long, so a nine-column KPI table
breaks "Rapportering" mid-word in portrait. Here every column is at least as wide as its
longest word (plus the cell's padding), the rest of the line goes to the columns with the
most text, and a table whose words cannot fit side by side in portrait is put on landscape
pages. Widths are counted in characters of the table font; the two line lengths below are
measured for A4 with 2 cm margins and 9 pt table text (about 4.5 pt per character).

Landscape is marked for the writer at hand: Typst gets `#set page(flipped: …)`; Word gets
a marker comment that cc_rfp.document.convert replaces with section breaks built from the
reference document's own page settings (so a client's template keeps its headers).
]]

local PORTRAIT_CHARS = 98   -- A4 portrait, 170 mm of text at 9 pt
local LANDSCAPE_CHARS = 150 -- A4 landscape, 257 mm of text at 9 pt
local PAD_CHARS = 3         -- a cell's left and right padding
local SHORT_CHARS = 20      -- a column whose longest text is this short keeps it on one line

local function ulen(s)
  return utf8.len(s) or #s
end

local function cell_text(cell)
  return pandoc.utils.stringify(cell.contents)
end

local function measure(tbl)
  local ncol = #tbl.colspecs
  local longest, total = {}, {}
  for i = 1, ncol do
    longest[i], total[i] = 1, 1
  end
  local function visit(rows)
    for _, row in ipairs(rows) do
      local col = 1
      for _, cell in ipairs(row.cells) do
        if col > ncol then break end
        local text = cell_text(cell)
        -- a cell spanning columns is not measured: its text is shared between them
        if (cell.col_span or 1) == 1 then
          total[col] = math.max(total[col], ulen(text))
          for word in text:gmatch("%S+") do
            longest[col] = math.max(longest[col], ulen(word))
          end
        end
        col = col + (cell.col_span or 1)
      end
    end
  end
  visit(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    visit(body.head)
    visit(body.body)
  end
  visit(tbl.foot.rows)
  return longest, total
end

local function widths(longest, total, line)
  -- Every column gets its longest word; a short column ("≥ 80 % inom 20 s") gets its whole
  -- text on one line if the page allows; what is left goes to the columns with most text.
  local ncol = #longest
  local need, wants = 0, 0
  local least, want = {}, {}
  for i = 1, ncol do
    least[i] = longest[i] + PAD_CHARS
    want[i] = least[i]
    if total[i] + PAD_CHARS <= SHORT_CHARS then want[i] = total[i] + PAD_CHARS end
    need = need + least[i]
    wants = wants + want[i]
  end
  local base = {}
  local spare = 0
  if wants <= line then
    base, spare = want, line - wants
  else
    local share = 0
    if wants > need then share = math.max(0, line - need) / (wants - need) end
    for i = 1, ncol do
      base[i] = least[i] + (want[i] - least[i]) * share
    end
  end
  local slack = 0
  for i = 1, ncol do
    slack = slack + math.max(0, total[i] + PAD_CHARS - base[i])
  end
  local result = {}
  for i = 1, ncol do
    local extra
    if slack > 0 then
      extra = spare * math.max(0, total[i] + PAD_CHARS - base[i]) / slack
    else
      extra = spare / ncol
    end
    result[i] = (base[i] + extra) / math.max(line, need)
  end
  return result
end

local function landscape_begin()
  if FORMAT == "typst" then
    return pandoc.RawBlock("typst", "#set page(flipped: true)")
  end
  return pandoc.RawBlock("openxml", "<!--cc-rfp:landscape-begin-->")
end

local function landscape_end()
  if FORMAT == "typst" then
    return pandoc.RawBlock("typst", "#set page(flipped: false)")
  end
  return pandoc.RawBlock("openxml", "<!--cc-rfp:landscape-end-->")
end

function Table(tbl)
  local ncol = #tbl.colspecs
  if ncol < 2 then return nil end
  local longest, total = measure(tbl)
  local natural, need = 0, 0
  for i = 1, ncol do
    natural = natural + total[i] + PAD_CHARS
    need = need + longest[i] + PAD_CHARS
  end
  if natural <= PORTRAIT_CHARS then
    -- every cell fits on one line: let the writer size the columns to their text
    for i = 1, ncol do
      tbl.colspecs[i] = { tbl.colspecs[i][1], pandoc.ColWidthDefault }
    end
    return tbl
  end
  local wide = need > PORTRAIT_CHARS
  local line = wide and LANDSCAPE_CHARS or PORTRAIT_CHARS
  local w = widths(longest, total, line)
  for i = 1, ncol do
    tbl.colspecs[i] = { tbl.colspecs[i][1], w[i] }
  end
  if wide then
    return { landscape_begin(), tbl, landscape_end() }
  end
  return tbl
end

local BREAK = { ["<br>"] = true, ["<br/>"] = true, ["<br />"] = true }

function RawInline(raw)
  if raw.format == "html" and BREAK[raw.text:lower()] then
    return pandoc.LineBreak()
  end
  return nil
end

return {
  { RawInline = RawInline },
  { Table = Table },
}
