//! The column vocabulary of a pupil table: the fields a column can hold and the headings
//! (English ids, the federal export's Russian headings, task columns) that name them. The
//! reader of cells and the mapper of headers both use it.

/// A column of a pupil table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    School,
    SchoolName,
    Municipality,
    Year,
    Procedure,
    Subject,
    Grade,
    Class,
    Pupil,
    Variant,
    Task,
    Score,
    MaxScore,
    Mark,
    JournalMark,
}

pub(super) fn col_of(heading: &str) -> Option<Col> {
    let h = heading.trim().trim_start_matches('\u{feff}').to_lowercase();
    let h = h.as_str();
    Some(match h {
        "school" | "оо" | "код оо" | "логин оо" | "школа" | "логин" => {
            Col::School
        }
        "school_name" | "название оо" | "наименование оо" => {
            Col::SchoolName
        }
        "municipality" | "муниципалитет" | "мо" | "муниципальное образование" => {
            Col::Municipality
        }
        "year" | "год" => Col::Year,
        "procedure" | "процедура" => Col::Procedure,
        "subject" | "предмет" => Col::Subject,
        "grade" | "параллель" => Col::Grade,
        "class" | "класс" => Col::Class,
        "pupil" | "код участника" | "код ученика" => Col::Pupil,
        "variant" | "вариант" => Col::Variant,
        "score" | "первичный балл" | "балл" => Col::Score,
        "max_score" | "максимальный первичный балл" | "макс. балл" | "максимальный балл" => {
            Col::MaxScore
        }
        "mark" | "отметка" | "отметка за впр" => Col::Mark,
        "journal_mark" | "отметка по журналу" => Col::JournalMark,
        _ if h.starts_with("отметка за предыдущ") => Col::JournalMark,
        _ if is_task(h) => Col::Task,
        _ => return None,
    })
}

/// A task column of the federal export: `1 (2б)`, `9.1 (1б)`, `12 (2 б)`.
fn is_task(h: &str) -> bool {
    let Some((num, rest)) = h.split_once('(') else {
        return false;
    };
    let num = num.trim();
    !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit() || c == '.')
        && rest.trim_end().ends_with("б)")
}

/// How many kinds of column there are.
pub(super) const COLS: usize = 15;
