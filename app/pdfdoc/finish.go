package pdfdoc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
)

// finish makes the writer's output deterministic and self-describing with
// edits that never move a byte before the trailer, so the cross-reference
// table stays valid: subset tags on the embedded fonts, the dates blanked
// when the input had none, and a document ID from a hash of the content.
func finish(pdf []byte, dated bool) ([]byte, error) {
	out := bytes.Clone(pdf)
	tagSubsets(out)
	if !dated {
		blankDates(out)
	}
	return addID(out)
}

// writerFontName matches the names the writer gives embedded fonts: "utf8",
// the family prefix and the role digit.
var writerFontName = regexp.MustCompile(`/utf8` + subsetFamilyPrefix + `[0-9]`)

// tagSubsets replaces each font's "utf8gkN" with a six-letter tag and "+",
// the marker of a subset font, derived from the document and the role so
// that two documents' different subsets never share a name.
func tagSubsets(pdf []byte) {
	sum := sha256.Sum256(pdf)
	for _, loc := range writerFontName.FindAllIndex(pdf, -1) {
		role := pdf[loc[1]-1] - '0'
		tag := pdf[loc[0]+1 : loc[1]]
		for i := range 6 {
			tag[i] = 'A' + (sum[int(role)*6+i] % 26)
		}
		tag[6] = '+'
	}
}

var infoDate = regexp.MustCompile(`/(Creation|Mod)Date \([^)]*\)`)

// blankDates overwrites the Info dates with spaces.
func blankDates(pdf []byte) {
	for _, loc := range infoDate.FindAllIndex(pdf, -1) {
		for i := loc[0]; i < loc[1]; i++ {
			pdf[i] = ' '
		}
	}
}

// addID puts /ID into the trailer, which follows the cross-reference table,
// so no offset changes. Both halves are the same on first write (ISO 32000-1
// §14.4).
func addID(pdf []byte) ([]byte, error) {
	i := bytes.LastIndex(pdf, []byte("trailer"))
	if i < 0 {
		return nil, fmt.Errorf("write pdf: no trailer")
	}
	j := bytes.Index(pdf[i:], []byte("<<"))
	if j < 0 {
		return nil, fmt.Errorf("write pdf: no trailer dictionary")
	}
	sum := sha256.Sum256(pdf)
	id := hex.EncodeToString(sum[:16])
	at := i + j + 2
	ins := fmt.Sprintf("\n/ID [<%s> <%s>]", id, id)
	out := make([]byte, 0, len(pdf)+len(ins))
	out = append(out, pdf[:at]...)
	out = append(out, ins...)
	return append(out, pdf[at:]...), nil
}
