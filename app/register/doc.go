// Package register reads and writes an agency's register of disclosure
// applications (依申请公开登记台账) as a spreadsheet: the template, streaming
// parsing and validation of XLSX and CSV uploads, an annotated copy of an
// upload that marks its errors, and the export of the whole register in the
// template's form.
//
// The package knows the file format only and never touches the database.
// An import is meant to run in two passes over the same bytes: a preview
// that reads every Record (or ReadAll) and, when there are errors, returns
// AnnotateErrors' workbook; then, once the file is clean, a second Reader
// whose Records the caller writes in one transaction, using Row.Key for
// idempotency and replacement. Duplicate keys are only known to the later
// row, which is why the preview must finish before anything is written.
//
// Every message a person reads comes from the tables in messages.go
// (field and file messages, in Chinese and English) and columns.go (the
// explanation sheet).
package register
