//! Why an input has the wrong shape.

use super::ValueReason;
use std::fmt;

/// Why an input (a document, a table, an argument) has the wrong shape.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputReason {
    /// The document's structure is wrong; the parser's own English text is kept for logs.
    Shape {
        /// The parser's message (English).
        detail: String,
    },
    /// A document field that the format does not have.
    UnknownField {
        /// The field as given.
        name: String,
    },
    /// A column of the header appears twice.
    DuplicateColumn {
        /// The column name.
        name: String,
    },
    /// No column of the header is an indicator.
    NoIndicatorColumns {
        /// The methodology id.
        methodology: String,
        /// An indicator id to show as an example.
        example: String,
    },
    /// A header cell is empty but its column holds data.
    EmptyHeaderCell,
    /// A header cell holds a number a spreadsheet made from an id (`1.1.1` → a date serial).
    HeaderIsDate {
        /// The number found.
        found: String,
    },
    /// A row has more cells with data than the header has columns.
    RowTooLong {
        /// Cells in the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
    /// A row has fewer cells than the header has columns.
    RowTooShort {
        /// Cells in the row.
        cells: usize,
        /// Columns in the header.
        columns: usize,
    },
    /// A quoted field runs past the end of its line (an unbalanced quote or a line break).
    QuoteRunsPastLine {
        /// The line where the quote opened.
        opened: usize,
    },
    /// The CSV file is not UTF-8.
    NotUtf8,
    /// A JSON Lines line names another methodology.
    OtherMethodology {
        /// The line's methodology.
        found: String,
        /// The batch's methodology.
        expected: String,
    },
    /// The file is not a readable workbook.
    NotAWorkbook {
        /// The reader's message (English).
        detail: String,
    },
    /// The workbook has no sheet.
    NoSheets,
    /// A position past the methodology's indicators.
    NoSuchPosition {
        /// The methodology id.
        methodology: String,
        /// How many indicators it has.
        count: usize,
    },
    /// A binding's argument has the wrong type.
    WrongArgument {
        /// What the argument must be (English).
        expected: String,
        /// The same in Russian.
        expected_ru: String,
    },
    /// A self-examination file is not the result of scoring.
    NotAScoreReport,
    /// A plan table column whose heading is not a plan field.
    UnknownPlanColumn {
        /// The heading.
        name: String,
        /// The header's row.
        row: usize,
    },
    /// No row of the table looks like a plan header.
    NoPlanHeader,
    /// The academic year is neither given nor named in the title.
    NoAcademicYear,
    /// No month is left in the plan's year for an action and its re-control.
    NoMonthLeft {
        /// The date asked.
        as_of: String,
        /// The academic year.
        year: String,
    },
    /// A pupil table column whose heading is not a known field.
    UnknownPupilColumn {
        /// The heading.
        name: String,
    },
    /// A column the table needs is absent.
    MissingColumn {
        /// The column (English id / Russian heading).
        name: String,
    },
    /// A cell that must be a number is not one.
    NotANumber {
        /// Why.
        reason: ValueReason,
    },
    /// A number outside its range.
    OutOfRange {
        /// The number found.
        found: String,
        /// The least allowed.
        min: String,
        /// The most allowed.
        max: String,
    },
    /// A pupil code given twice in one group.
    DuplicatePupil {
        /// The code.
        pupil: String,
    },
    /// A sum left the decimal range.
    Overflow,
    /// No built-in plan template has this name.
    UnknownTemplate {
        /// The name asked for.
        name: String,
        /// The built-in names.
        known: String,
    },
    /// Two items of a plan document have the same id.
    DuplicateItem {
        /// The id.
        id: String,
        /// The position of the first one in `items` (0-based).
        first: usize,
    },
    /// A mark written with a sign (`5-`, `4+`): marks are the whole marks 2..5.
    MarkWithSign {
        /// The cell as written.
        found: String,
    },
    /// A maximum primary score of 0 or less: no score can be a share of it.
    MaxScoreNotPositive {
        /// The maximum found.
        found: String,
    },
    /// Two rows of a plan table have the same `№`.
    DuplicatePlanRow {
        /// The number.
        id: String,
        /// The row of the first one.
        first_row: usize,
    },
    /// No row of a pupil table is its header: none has both a pupil and a mark column.
    NoPupilHeader,
    /// A table of marks lacks required columns (named by their Russian headings).
    NoMarksHeader {
        /// The id of each missing column (`subject`).
        missing: Vec<String>,
        /// Its Russian heading (`предмет`), in the same order.
        missing_ru: Vec<String>,
    },
    /// A task column whose heading does not give the task's maximum («1» instead of «1 (2б)»).
    TaskWithoutMax {
        /// The heading.
        name: String,
    },
    /// A results table column whose heading is not a known field or task.
    UnknownResultsColumn {
        /// The heading.
        name: String,
    },
    /// No row of a results table is its header: none names a pupil and a task, score or mark.
    NoResultsHeader,
    /// A task described twice in a table of task descriptions.
    DuplicateDescription {
        /// The work and task (`ВПР Математика 5, задание 1`).
        task: String,
        /// The row of the first description.
        first_row: usize,
    },
    /// No row of a sheet is a summary sheet's header (a pupil heading with subjects to its right).
    NoSummaryHeader,
    /// A sheet of marks is neither a long table (it lacks these columns) nor a summary sheet
    /// (no row has a pupil heading with subjects to its right).
    NoMarksShape {
        /// The id of each long-table column missing (`subject`).
        missing: Vec<String>,
        /// Its Russian heading (`предмет`), in the same order.
        missing_ru: Vec<String>,
    },
    /// A settings file field the format does not have.
    UnknownSetting {
        /// The field as given.
        name: String,
        /// The fields the format has.
        known: &'static str,
    },
    /// A control character (which XML, and so a DOCX, cannot hold) in a text field.
    ControlCharacter {
        /// Its code point.
        code_point: u32,
    },
    /// A result of another kind than the document is made from.
    WrongResultForDocument {
        /// The document's id (`order`).
        document: &'static str,
        /// What it is made from (English).
        expected: &'static str,
        /// What it is made from (Russian).
        expected_ru: &'static str,
    },
    /// The file is not a Word document (DOCX).
    NotAWordDocument {
        /// The reader's message (English).
        detail: String,
    },
    /// The Word document has no table.
    NoTables,
}

impl fmt::Display for InputReason {
    #[expect(
        clippy::too_many_lines,
        reason = "one arm per reason, each a sentence; splitting it would scatter the table"
    )]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputReason::UnknownSetting { name, known } => {
                write!(f, "unknown setting \"{name}\"; the settings are: {known}")
            }
            InputReason::ControlCharacter { code_point } => write!(
                f,
                "the text holds the control character U+{code_point:04X}, which a document cannot hold; remove it"
            ),
            InputReason::WrongResultForDocument {
                document, expected, ..
            } => write!(f, "the {document} document is made from {expected}"),
            InputReason::NotAWordDocument { detail } => {
                write!(f, "not a readable Word document (DOCX): {detail}")
            }
            InputReason::NoTables => f.write_str("the Word document has no table"),
            InputReason::Shape { detail } => f.write_str(detail),
            InputReason::UnknownField { name } => write!(f, "unknown field \"{name}\""),
            InputReason::DuplicateColumn { name } => write!(f, "column \"{name}\" appears twice"),
            InputReason::NoIndicatorColumns {
                methodology,
                example,
            } => write!(
                f,
                "no column is an indicator of {methodology}; expected \"school\" and ids such as \"{example}\""
            ),
            InputReason::EmptyHeaderCell => {
                f.write_str("the header cell is empty but the column holds data")
            }
            InputReason::HeaderIsDate { found } => write!(
                f,
                "the header cell holds {found}: a spreadsheet turned an indicator id into a date; format the header as text"
            ),
            InputReason::RowTooLong { cells, columns } => {
                write!(f, "{cells} cells but the header has {columns} columns")
            }
            InputReason::RowTooShort { cells, columns } => {
                write!(f, "only {cells} cells but the header has {columns} columns")
            }
            InputReason::QuoteRunsPastLine { opened } => write!(
                f,
                "a quoted field opened on line {opened} runs past the end of its line (unbalanced quote or line break inside a cell)"
            ),
            InputReason::NotUtf8 => {
                f.write_str("the file is not UTF-8; save it from Excel as \"CSV UTF-8\"")
            }
            InputReason::OtherMethodology { found, expected } => write!(
                f,
                "the line is for \"{found}\" but the batch scores {expected}"
            ),
            InputReason::NotAWorkbook { detail } => {
                write!(f, "not a readable XLSX workbook: {detail}")
            }
            InputReason::NoSheets => f.write_str("the workbook has no sheets"),
            InputReason::NoSuchPosition { methodology, count } => {
                write!(f, "{methodology} has {count} indicators")
            }
            InputReason::WrongArgument { expected, .. } => write!(f, "expected {expected}"),
            InputReason::NotAScoreReport => {
                f.write_str("not a result of `vsoko score`, `vsoko marks` or `vsoko tasks` with `--format json`")
            }
            InputReason::UnknownPlanColumn { name, row } => write!(
                f,
                "the heading \"{name}\" (row {row}) is not a plan column; expected the Russian heading of one of: number, month or period, group of mechanisms, mechanism, content, object of control, method, responsible, result, indicator"
            ),
            InputReason::NoPlanHeader => f.write_str(
                "no header row found: expected a row of Russian headings with at least two known ones, one of them the content (content, period, responsible, result)",
            ),
            InputReason::NoAcademicYear => f.write_str(
                "the academic year is not named in the title; give it (--year 2023/24)",
            ),
            InputReason::DuplicateItem { id, first } => {
                write!(f, "item id \"{id}\" is already used by items[{first}]; expected each item to have its own id")
            }
            InputReason::UnknownPupilColumn { name } => write!(
                f,
                "the heading \"{name}\" is not a column of a pupil table (school, pupil, score, mark, journal_mark…)"
            ),
            InputReason::MissingColumn { name } => write!(f, "the column {name} is missing"),
            InputReason::NotANumber { reason } => write!(f, "{reason}"),
            InputReason::OutOfRange { found, min, max } => {
                write!(f, "{found} is outside {min}..{max}")
            }
            InputReason::DuplicatePupil { pupil } => {
                write!(f, "pupil \"{pupil}\" is given twice in one procedure, subject, grade and year")
            }
            InputReason::Overflow => f.write_str("a sum leaves the decimal range"),
            InputReason::UnknownTemplate { name, known } => {
                write!(f, "unknown plan template \"{name}\"; built-in ones are: {known}")
            }
            InputReason::NoMonthLeft { as_of, year } => write!(
                f,
                "as of {as_of} no month is left in the academic year {year} for an action and its re-control (they run until June)"
            ),
            InputReason::MarkWithSign { found } => write!(
                f,
                "\"{found}\" is not a mark: a mark with + or - is not one of the marks 2..5; give a whole mark 2..5, or leave the journal mark empty"
            ),
            InputReason::MaxScoreNotPositive { found } => write!(
                f,
                "the maximum primary score is {found}; expected a number above 0 (the maximum of the procedure)"
            ),
            InputReason::DuplicatePlanRow { id, first_row } => write!(
                f,
                "item number \"{id}\" is already used in row {first_row}; expected each row to have its own number"
            ),
            InputReason::NoMarksHeader { missing, .. } => write!(
                f,
                "a table of marks needs the columns class, pupil, subject, period and mark (school and teacher are optional); missing: {}",
                missing.join(", ")
            ),
            InputReason::NoSummaryHeader => f.write_str(
                "no header row of a summary sheet: expected a pupil column (\"ФИО\", \"Ученик\", \"Обучающийся\") with the subjects to its right",
            ),
            InputReason::NoMarksShape { missing, .. } => write!(
                f,
                "neither a table of marks (it needs the columns class, pupil, subject, period and mark; missing: {}) nor a summary sheet (a header row with a pupil column such as \"ФИО\" and the subjects to its right, the class in a title row or the sheet's name)",
                missing.join(", ")
            ),
            InputReason::TaskWithoutMax { .. }
            | InputReason::UnknownResultsColumn { .. }
            | InputReason::NoResultsHeader
            | InputReason::DuplicateDescription { .. } => self.header_en(f),
            InputReason::NoPupilHeader => f.write_str(
                "no header row found: a pupil table needs a pupil column (pupil / participant code) and a mark column (mark); school, score, max_score, journal_mark and the federal export's headings are read too",
            ),
        }
    }
}

impl InputReason {
    /// The reason in Russian.
    pub fn ru(&self) -> String {
        match self {
            InputReason::Shape { .. } => "неверная структура документа".into(),
            InputReason::UnknownField { name } => format!("неизвестное поле «{name}»"),
            InputReason::DuplicateColumn { name } => {
                format!("столбец «{name}» встречается дважды")
            }
            InputReason::NoIndicatorColumns {
                methodology,
                example,
            } => format!(
                "ни один столбец не является показателем методики {methodology}; нужны столбец «school» (школа) и коды показателей, например «{example}»"
            ),
            InputReason::EmptyHeaderCell => {
                "в заголовке пустая ячейка, а в столбце есть данные".into()
            }
            InputReason::HeaderIsDate { found } => format!(
                "в заголовке число {found}: таблица превратила код показателя в дату; задайте заголовку текстовый формат"
            ),
            InputReason::RowTooLong { cells, columns } => format!(
                "в строке есть данные за пределами заголовка (ячеек в строке: {cells}, столбцов в заголовке: {columns})"
            ),
            InputReason::RowTooShort { cells, columns } => format!(
                "в строке меньше ячеек, чем столбцов в заголовке (ячеек: {cells}, столбцов: {columns})"
            ),
            InputReason::QuoteRunsPastLine { opened } => format!(
                "поле в кавычках, открытое в строке {opened}, не закрыто до конца строки (непарная кавычка или перенос строки в ячейке)"
            ),
            InputReason::NotUtf8 => {
                "файл не в кодировке UTF-8; сохраните его из Excel как «CSV UTF-8»".into()
            }
            InputReason::OtherMethodology { found, expected } => format!(
                "строка относится к методике «{found}», а пакет считается по методике «{expected}»"
            ),
            InputReason::UnknownSetting { .. }
            | InputReason::ControlCharacter { .. }
            | InputReason::WrongResultForDocument { .. }
            | InputReason::NotAWordDocument { .. }
            | InputReason::NoTables => self.document_ru(),
            InputReason::NotAWorkbook { .. } => "файл не является книгой Excel (XLSX)".into(),
            InputReason::NoSheets => "в книге нет ни одного листа".into(),
            InputReason::NoSuchPosition { methodology, count } => {
                format!(
                    "в методике {methodology} всего {}",
                    crate::output::russian::count(*count, crate::output::russian::INDICATORS)
                )
            }
            InputReason::WrongArgument { expected_ru, .. } => format!("ожидается {expected_ru}"),
            InputReason::NotAScoreReport => {
                "это не результат `vsoko score`, `vsoko marks` или `vsoko tasks` с `--format json`".into()
            }
            InputReason::UnknownPlanColumn { name, row } => format!(
                "заголовок «{name}» (строка {row}) не является столбцом плана; известные: месяц или срок, механизм, содержание, объект контроля, методы, ответственные, результат, показатель"
            ),
            InputReason::NoPlanHeader => {
                "не найдена строка заголовка: ожидаются столбцы «Содержание», «Сроки», «Ответственные», «Результат»".into()
            }
            InputReason::NoAcademicYear => {
                "учебный год не указан в заголовке документа; укажите его (--year 2023/24)".into()
            }
            InputReason::DuplicateItem { id, first } => {
                format!("идентификатор пункта «{id}» уже использован в items[{first}]; у каждого пункта должен быть свой идентификатор")
            }
            InputReason::UnknownPupilColumn { name } => format!(
                "заголовок «{name}» не является столбцом таблицы участников (ОО, код участника, первичный балл, отметка, отметка по журналу…)"
            ),
            InputReason::MissingColumn { name } => format!("нет столбца {name}"),
            InputReason::NotANumber { reason } => reason.ru(),
            InputReason::OutOfRange { found, min, max } => {
                format!("значение {found} вне допустимого диапазона от {min} до {max}")
            }
            InputReason::DuplicatePupil { pupil } => format!(
                "участник «{pupil}» указан дважды в одной процедуре, предмете, параллели и году"
            ),
            InputReason::Overflow => "сумма выходит за пределы десятичного диапазона".into(),
            InputReason::UnknownTemplate { name, known } => {
                format!("неизвестный шаблон плана «{name}»; встроенные: {known}")
            }
            InputReason::NoMonthLeft { as_of, year } => format!(
                "на {as_of} в {year} учебном году не осталось месяцев для мер и повторного контроля (они планируются до июня)"
            ),
            InputReason::MarkWithSign { found } => format!(
                "«{found}» не является отметкой: отметки с плюсом или минусом не входят в шкалу 2–5; укажите целую отметку от 2 до 5 или оставьте отметку по журналу пустой"
            ),
            InputReason::MaxScoreNotPositive { found } => format!(
                "максимальный первичный балл равен {found}; ожидается число больше нуля (максимум процедуры)"
            ),
            InputReason::DuplicatePlanRow { id, first_row } => format!(
                "номер пункта «{id}» уже использован в строке {first_row}; у каждой строки должен быть свой номер"
            ),
            InputReason::NoMarksHeader { .. }
            | InputReason::TaskWithoutMax { .. }
            | InputReason::UnknownResultsColumn { .. }
            | InputReason::NoResultsHeader
            | InputReason::DuplicateDescription { .. }
            | InputReason::NoSummaryHeader
            | InputReason::NoMarksShape { .. }
            | InputReason::NoPupilHeader => self.header_ru(),
        }
    }

    /// The reasons about documents and their settings, in Russian.
    fn document_ru(&self) -> String {
        match self {
            InputReason::UnknownSetting { name, known } => {
                format!("неизвестная настройка «{name}»; настройки: {known}")
            }
            InputReason::ControlCharacter { code_point } => format!(
                "в тексте управляющий символ U+{code_point:04X}, который документ не может содержать; удалите его"
            ),
            InputReason::WrongResultForDocument {
                document,
                expected_ru,
                ..
            } => format!("документ {document} составляется по {expected_ru}"),
            InputReason::NotAWordDocument { .. } => {
                "файл не является документом Word (DOCX)".into()
            }
            InputReason::NoTables => "в документе Word нет ни одной таблицы".into(),
            _ => String::new(),
        }
    }

    /// The reasons about a table's header and rows, in English.
    fn header_en(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputReason::DuplicateDescription { task, first_row } => write!(
                f,
                "{task} is already described in row {first_row}; expected one description per task"
            ),
            InputReason::TaskWithoutMax { name } => write!(
                f,
                "the task column \"{name}\" does not give the task's maximum; expected a heading such as \"{name} (2б)\""
            ),
            InputReason::UnknownResultsColumn { name } => write!(
                f,
                "the heading \"{name}\" is not a column of a results table (school, class, pupil, variant, tasks such as \"1 (2б)\", score, test_score, mark…)"
            ),
            InputReason::NoResultsHeader => f.write_str(
                "no header row found: a results table needs a pupil column (pupil / participant code / full name) and task columns such as \"1 (2б)\", a test score or a mark",
            ),
            _ => Ok(()),
        }
    }

    /// The reasons about a table's header and rows, in Russian.
    fn header_ru(&self) -> String {
        match self {
            InputReason::DuplicateDescription { task, first_row } => format!(
                "{task}: описание уже дано в строке {first_row}; у каждого задания должно быть одно описание"
            ),
            InputReason::NoMarksHeader { missing_ru, .. } => format!(
                "в таблице отметок нет столбцов: {}; нужны «Класс», «Ученик» или «ФИО», «Предмет», «Период» и «Отметка», по желанию «Школа» и «Учитель»",
                missing_ru
                    .iter()
                    .map(|m| format!("«{}»", crate::output::russian::capitalized(m)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            InputReason::TaskWithoutMax { name } => format!(
                "в заголовке столбца задания «{name}» не указан максимальный балл; ожидается заголовок вида «{name} (2б)»"
            ),
            InputReason::UnknownResultsColumn { name } => format!(
                "заголовок «{name}» не является столбцом таблицы результатов (ОО, класс, код участника или ФИО, вариант, задания вида «1 (2б)», первичный балл, тестовый балл, отметка…)"
            ),
            InputReason::NoResultsHeader => "не найдена строка заголовка: в таблице результатов нужны столбец участника («Код участника», «ФИО» или pupil) и столбцы заданий вида «1 (2б)», тестового балла или отметки".into(),
            InputReason::NoSummaryHeader => "в сводной ведомости не найдена строка заголовка: нужен столбец «ФИО» (или «Ученик», «Обучающийся») и предметы правее него".into(),
            InputReason::NoMarksShape { missing_ru, .. } => format!(
                "в таблице отметок нет столбцов: {}; нужны «Класс», «Ученик» или «ФИО», «Предмет», «Период» и «Отметка», по желанию «Школа», «Учитель» и «Муниципалитет». Это и не сводная ведомость: в ней нужна строка заголовка со столбцом «ФИО» (или «Ученик», «Обучающийся») и предметами правее, под ней — строка периодов («1 четв.», «Год») или период в заголовке ведомости («за I четверть»), а класс — в строке над заголовком («Класс: 7Б», «7Б класс») или в имени листа",
                missing_ru
                    .iter()
                    .map(|m| format!("«{}»", crate::output::russian::capitalized(m)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            InputReason::NoPupilHeader => "не найдена строка заголовка: в таблице участников нужны столбец ученика («Код участника», «Код ученика» или pupil) и столбец отметки («Отметка», «Отметка за ВПР» или mark); читаются также «ОО», «Первичный балл», «Максимальный первичный балл», «Отметка по журналу» и другие заголовки федеральной выгрузки результатов".into(),
            _ => String::new(),
        }
    }
}
