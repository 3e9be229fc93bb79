package register

import (
	"fmt"

	"gongkai/models"
)

// FieldError is a problem with one cell, or with a rule between cells, of
// one row. Value is the cell as read and may hold personal data.
type FieldError struct {
	// Row is the 1-based spreadsheet row.
	Row int
	// Column is the Chinese header of the column at fault.
	Column string
	Value  string
	// Code is a stable key of the message, e.g. "register.outcome_unknown".
	Code string
	ZH   string
	EN   string
}

// Error returns the English message.
func (e FieldError) Error() string { return e.EN }

// Warning is something about the file that does not stop the import, such
// as an unknown column that is ignored.
type Warning struct {
	Code   string
	Column string
	ZH     string
	EN     string
}

// msgKey names a message of the table below.
type msgKey string

// Field messages. The cell prefix (第N行「列」： / row N, 列: ) is added by
// fieldError; the verbs take the same arguments in both languages.
const (
	msgRequired              msgKey = "required"
	msgDateFormat            msgKey = "date_format"
	msgDateImpossible        msgKey = "date_impossible"
	msgDateFuture            msgKey = "date_future"
	msgDateTooEarly          msgKey = "date_too_early"
	msgChannelUnknown        msgKey = "channel_unknown"
	msgApplicantUnknown      msgKey = "applicant_unknown"
	msgApplicantUnspecified  msgKey = "applicant_unspecified"
	msgYesNo                 msgKey = "yes_no"
	msgOutcomeUnknown        msgKey = "outcome_unknown"
	msgOutcomeSuggest        msgKey = "outcome_suggest"
	msgOutcomeGroup          msgKey = "outcome_group"
	msgFeeFormat             msgKey = "fee_format"
	msgFeeNegative           msgKey = "fee_negative"
	msgFeeOpen               msgKey = "fee_open"
	msgReconUnknown          msgKey = "reconsideration_unknown"
	msgLitigationUnknown     msgKey = "litigation_unknown"
	msgLitigationKind        msgKey = "litigation_kind"
	msgRemedyNoneMixed       msgKey = "remedy_none_mixed"
	msgIDInvalid             msgKey = "id_invalid"
	msgAnsweredBeforeRecv    msgKey = "answered_before_received"
	msgAnsweredBeforeCorr    msgKey = "answered_before_corrected"
	msgCorrectedBeforeRecv   msgKey = "corrected_before_received"
	msgCorrectedOnRequired   msgKey = "corrected_on_required"
	msgCorrectedOnUnexpected msgKey = "corrected_on_unexpected"
	msgOutcomeNeedsCorr      msgKey = "outcome_needs_correction"
	msgAnswerNeedsOutcome    msgKey = "answer_needs_outcome"
	msgOutcomeNeedsAnswer    msgKey = "outcome_needs_answer"
	msgDuplicateNo           msgKey = "duplicate_register_no"
	msgDuplicateRow          msgKey = "duplicate_row"
	msgTooLong               msgKey = "too_long"
	msgUnknownColumn         msgKey = "unknown_column"
	msgShadowedColumn        msgKey = "shadowed_column"
)

var messages = map[msgKey]models.Msg{
	msgRequired:       models.M("必须填写", "is required"),
	msgDateFormat:     models.M(`无法识别日期"%s"，请写作 2026-01-05 这样的格式`, `"%s" is not a date; write it like 2026-01-05`),
	msgDateImpossible: models.M(`"%s"不是有效的日期`, `"%s" is not a valid calendar date`),
	msgDateFuture:     models.M(`日期"%s"晚于今天（%s）`, `"%s" is after today (%s)`),
	// 《政府信息公开条例》 took effect on 2008-05-01; no application predates it.
	msgDateTooEarly:         models.M(`日期"%s"早于《政府信息公开条例》施行之日（2008-05-01）`, `"%s" is before the Regulation took effect (2008-05-01)`),
	msgChannelUnknown:       models.M(`无法识别渠道"%s"，请填写：%s`, `"%s" is not a channel; use one of: %s`),
	msgApplicantUnknown:     models.M(`无法识别申请人类型"%s"，请填写：%s`, `"%s" is not an applicant type; use one of: %s`),
	msgApplicantUnspecified: models.M(`"%s"未写明组织类别，请填写：%s`, `"%s" does not name the organisation's category; use one of: %s`),
	msgYesNo:                models.M(`无法识别"%s"，请填写"是"或"否"`, `"%s" is neither 是 (yes) nor 否 (no)`),
	msgOutcomeUnknown:       models.M(`无法识别"%s"，请使用年度报告的行名`, `"%s" is not a row of the annual report; use the row's official wording`),
	msgOutcomeSuggest:       models.M(`无法识别"%s"，请使用年度报告的行名；是否应为"%s"？`, `"%s" is not a row of the annual report; use the row's official wording; did you mean "%s"?`),
	msgOutcomeGroup:         models.M(`"%s"是年度报告的分组而非具体的行，请填写其下的一行：%s`, `"%s" is a group of the annual report, not a row; use one of its rows: %s`),
	msgFeeFormat:            models.M(`无法识别金额"%s"，请填写以元为单位、最多两位小数的数字`, `"%s" is not an amount in yuan with at most two decimals`),
	msgFeeNegative:          models.M(`金额"%s"不能为负数`, `"%s" must not be negative`),
	msgFeeOpen:              models.M(`尚未办结（未填写办理结果）的申请不应有收费金额`, `an open case (no 办理结果) has no fee`),
	msgReconUnknown:         models.M(`无法识别"%s"，请填写：%s`, `"%s" is not a reconsideration result; use one of: %s`),
	msgLitigationUnknown:    models.M(`无法识别"%s"，请写作"起诉方式-结果"，如：%s`, `"%s" is not a lawsuit; write "kind-result", e.g. %s`),
	msgLitigationKind:       models.M(`"%s"未写明起诉方式，请写作"直接起诉-%s"或"复议后起诉-%s"`, `"%s" does not say how the suit was brought; write "直接起诉-%s" (direct) or "复议后起诉-%s" (after reconsideration)`),
	msgRemedyNoneMixed:      models.M(`"无"不能与其他结果同时填写`, `"无" (none) cannot be combined with other results`),
	msgIDInvalid:            models.M(`证件号码校验未通过，请核对`, `the identity number fails its check; verify it`),
	msgAnsweredBeforeRecv:   models.M(`答复日期（%s）早于收到申请日期（%s）`, `the answer (%s) is before the receipt (%s)`),
	msgAnsweredBeforeCorr:   models.M(`答复日期（%s）早于补正后收到日期（%s）`, `the answer (%s) is before the corrected application arrived (%s)`),
	msgCorrectedBeforeRecv:  models.M(`补正后收到日期（%s）早于收到申请日期（%s）`, `the corrected application (%s) is before the receipt (%s)`),
	msgCorrectedOnRequired:  models.M(`是否补正为"是"且已答复时，必须填写补正后收到日期`, `is required when 是否补正 is 是 and the case is answered`),
	msgCorrectedOnUnexpected: models.M(`是否补正为"否"时不应填写补正后收到日期`,
		`must be empty when 是否补正 is 否 (no correction)`),
	msgOutcomeNeedsCorr:   models.M(`办理结果为"%s"时，是否补正应为"是"`, `must be 是 when 办理结果 is "%s"`),
	msgAnswerNeedsOutcome: models.M(`已填写答复日期，必须填写办理结果；尚未办结的申请两项都不填`, `is required once 答复日期 is filled; leave both empty for an open case`),
	msgOutcomeNeedsAnswer: models.M(`已填写办理结果，必须填写答复日期；尚未办结的申请两项都不填`, `is required once 办理结果 is filled; leave both empty for an open case`),
	msgDuplicateNo:        models.M(`登记编号"%s"与第%d行重复`, `"%s" repeats the 登记编号 of row %d`),
	msgDuplicateRow:       models.M(`与第%d行重复：收到申请日期、申请人和申请内容都相同`, `repeats row %d: same receipt date, applicant and content`),
	msgTooLong:            models.M(`超过 Excel 单元格的上限（32767 个字符），请精简`, `is longer than an Excel cell holds (32,767 characters)`),
	msgUnknownColumn:      models.M(`已忽略无法识别的列「%s」`, `ignored the unknown column %s`),
	msgShadowedColumn:     models.M(`已忽略列「%s」：「%s」按列「%s」读取`, `ignored the column %s: %s is read from the column %s`),
}

// fieldError renders message k for one cell.
func fieldError(row int, col Column, value string, k msgKey, args ...any) FieldError {
	m := messages[k]
	h := col.Header()
	return FieldError{
		Row:    row,
		Column: h,
		Value:  value,
		Code:   "register." + string(k),
		ZH:     fmt.Sprintf("第%d行「%s」：", row, h) + fmt.Sprintf(m.ZH, args...),
		EN:     fmt.Sprintf("row %d, %s: ", row, h) + fmt.Sprintf(m.EN, args...),
	}
}

// File-level problems: the upload as a whole cannot be read.
const (
	codeUnsupported   = "register.unsupported_format"
	codeLegacyXLS     = "register.legacy_xls"
	codeUnreadable    = "register.unreadable"
	codeNoSheet       = "register.no_sheet"
	codeNoHeader      = "register.no_header"
	codeMissingColumn = "register.missing_column"
	codeDuplicateCol  = "register.duplicate_column"
	codeMalformedCSV  = "register.malformed_csv"
	codeNotUTF8       = "register.bad_encoding"
)

var fileMessages = map[string]models.Msg{
	codeUnsupported:   models.M("不支持的文件格式，请上传 .xlsx 或 .csv 文件", "unsupported file format; upload an .xlsx or .csv file"),
	codeLegacyXLS:     models.M("不支持旧版 .xls 或加密的文件，请在 Excel 中另存为未加密的 .xlsx 后上传", "legacy .xls or encrypted files are not supported; save as an unencrypted .xlsx"),
	codeUnreadable:    models.M("文件无法读取，请确认是完整的 .xlsx 或 .csv 文件", "the file cannot be read; check that it is a complete .xlsx or .csv file"),
	codeNoSheet:       models.M("工作簿中没有工作表「%s」", "the workbook has no sheet %s"),
	codeNoHeader:      models.M("前%d行中没有找到表头行（应包含「收到申请日期」「申请人姓名或名称」「办理结果」等列名）", "no header row in the first %d rows (it names columns such as 收到申请日期, 申请人姓名或名称, 办理结果)"),
	codeMissingColumn: models.M("缺少必需的列「%s」", "the column %s is missing"),
	codeDuplicateCol:  models.M("列「%s」在表头中出现了两次", "the column %s appears twice in the header"),
	codeMalformedCSV:  models.M("CSV 文件第%d行格式有误，无法读取", "the CSV file is malformed at line %d"),
	codeNotUTF8:       models.M("文件编码无法识别，请保存为 UTF-8 或 GBK 编码的 CSV", "unknown text encoding; save the CSV as UTF-8 or GBK"),
}

// fileError builds the typed invalid-input error for a file-level problem;
// fields name the columns at fault, if any.
func fileError(code string, err error, args ...any) error {
	m := fileMessages[code]
	return &models.Error{
		Kind: models.KindInvalid,
		Code: code,
		Msg:  models.M(fmt.Sprintf(m.ZH, args...), fmt.Sprintf(m.EN, args...)),
		Err:  err,
	}
}

// CellError is a problem the caller found in one cell, such as a rule of
// its own on top of the template's, in the form of the package's errors:
// the message m gets the cell prefix (第N行「列」： / row N, 列: ).
func CellError(row int, col Column, value, code string, m models.Msg) FieldError {
	h := col.Header()
	return FieldError{Row: row, Column: h, Value: value, Code: code,
		ZH: fmt.Sprintf("第%d行「%s」：", row, h) + m.ZH,
		EN: fmt.Sprintf("row %d, %s: ", row, h) + m.EN}
}
