//! Which column holds the company: named by `--column`, found by its header (公司名称,
//! 企业名称, company …), or, without a header, the first column that does not look like a
//! row number. A spreadsheet's index column or header row must never be sent.

/// Header cells that name the company column, best first.
const COMPANY_HEADERS: [&str; 20] = [
    "公司名称",
    "企业名称",
    "单位名称",
    "客户名称",
    "供应商名称",
    "名称",
    "公司",
    "企业",
    "单位",
    "company name",
    "company_name",
    "company",
    "name",
    "统一社会信用代码",
    "社会信用代码",
    "信用代码",
    "credit code",
    "credit_code",
    "注册号",
    "keyword",
];

/// Other header cells common beside them (so a header row is recognised by any of its
/// cells, and never sent).
const OTHER_HEADERS: [&str; 12] = [
    "序号",
    "编号",
    "no",
    "no.",
    "#",
    "id",
    "index",
    "备注",
    "note",
    "notes",
    "地址",
    "联系人",
];

/// What `--column` says: a 1-based position or a header's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnChoice {
    Position(usize),
    Named(String),
}

impl ColumnChoice {
    /// `3` is the third column; anything else names a header cell.
    pub fn parse(s: &str) -> Result<ColumnChoice, String> {
        let s = s.trim();
        match s.parse::<usize>() {
            Ok(0) => Err("columns are numbered from 1".into()),
            Ok(n) => Ok(ColumnChoice::Position(n)),
            Err(_) if s.is_empty() => Err("name the column or give its number".into()),
            Err(_) => Ok(ColumnChoice::Named(s.to_string())),
        }
    }
}

fn norm(cell: &str) -> String {
    cell.trim().to_lowercase()
}

/// Whether `row` is a header row: one of its cells is a known column name, or its one
/// cell names a column (`企业名` …) rather than a company.
pub fn is_header(row: &[String]) -> bool {
    row.iter().any(|cell| {
        let c = norm(cell);
        COMPANY_HEADERS.contains(&c.as_str()) || OTHER_HEADERS.contains(&c.as_str())
    }) || (row.len() == 1 && names_a_column(&row[0]))
}

/// `企业名`, `公司名称（中文）`: a column word in a short cell with no company suffix.
fn names_a_column(cell: &str) -> bool {
    let c = norm(cell);
    ["名称", "代码", "编号", "企业名", "公司名"]
        .iter()
        .any(|w| c.contains(w))
        && !c.contains("有限")
        && !c.contains("集团")
        && c.chars().count() <= 12
}

/// The company column of a header row (0-based), if a cell names it.
pub fn in_header(header: &[String]) -> Option<usize> {
    let cells: Vec<String> = header.iter().map(|c| norm(c)).collect();
    COMPANY_HEADERS
        .iter()
        .find_map(|h| cells.iter().position(|c| c == h))
        .or_else(|| cells.iter().position(|c| names_a_column(c)))
}

/// A cell that is only digits and shorter than a registration number (15 digits): a row
/// number or a count, never a company.
pub fn is_row_number(cell: &str) -> bool {
    let c = cell.trim();
    !c.is_empty() && c.len() < 15 && c.chars().all(|ch| ch.is_ascii_digit())
}

/// The company column of a file without a header: the first column whose first filled
/// cell is not a row number.
pub fn without_header(first_row: &[String]) -> usize {
    first_row
        .iter()
        .position(|c| !c.trim().is_empty() && !is_row_number(c))
        .unwrap_or(0)
}

/// `--column` against the header row (if any): the 0-based column, or why it is not there.
pub fn chosen(choice: &ColumnChoice, header: Option<&[String]>) -> Result<usize, String> {
    match choice {
        ColumnChoice::Position(n) => Ok(n - 1),
        ColumnChoice::Named(name) => {
            let Some(header) = header else {
                return Err(format!(
                    "--column {name:?}: the file has no header row; give the column's number"
                ));
            };
            header
                .iter()
                .position(|c| norm(c) == norm(name))
                .ok_or_else(|| {
                    format!(
                        "--column {name:?}: no such column; the header has: {}",
                        header.join(", ")
                    )
                })
        }
    }
}
