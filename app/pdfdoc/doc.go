// Package pdfdoc produces the PDF documents that an agency signs, seals,
// mails and files: the notices of a disclosure case (接收回执, 补正告知书,
// 延期答复告知书, 答复书 …) laid out after GB/T 9704-2012 《党政机关公文格式》,
// the landscape tables of the annual report, and a PDF signature over either.
//
// Layout (GB/T 9704-2012 §5): A4 portrait, margins 37/35/28/26 mm (a text area
// of 156 × 225 mm), title in 二号 (22 pt) Song, body in 三号 (16 pt) on a fixed
// 28 pt line pitch with 28 characters a line and 22 lines a page, signer and
// date right-aligned with room for a seal, page numbers "— n —" in 四号 on the
// outer side (odd right, even left). Chinese line breaking keeps closing
// punctuation off the start and opening punctuation off the end of a line.
// When a notice would spill a little onto one more page, its line pitch
// shrinks by up to 9 % to save the page, the remedy §7.3.5.4 names.
//
// Output is deterministic: the same input gives the same bytes (creation date
// from the input, document ID from a hash of the content, no other metadata
// than Title and Producer). The package imports the standard library and
// third-party modules only.
package pdfdoc
