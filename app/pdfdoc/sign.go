package pdfdoc

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/smallstep/pkcs7"
)

// SignOptions describes a signature.
type SignOptions struct {
	// Reason, Location and Name go into the signature dictionary as shown by
	// viewers (e.g. 政府信息公开申请答复, 济南市莱芜区, the signer's name).
	Reason, Location, Name string
	// Time is the claimed signing time (/M); zero means now.
	Time time.Time
}

// sigFieldPrefix names the signature fields Signature1, Signature2 ….
const sigFieldPrefix = "Signature"

// Sign adds a PDF signature (ISO 32000-1 §12.8) to pdf as an incremental
// update, so earlier bytes and signatures stay intact: an invisible
// signature field on the first page whose value has /ByteRange over the
// whole file but /Contents, and /Contents a detached CMS SignedData
// (SubFilter adbe.pkcs7.detached) over those bytes with SHA-256, the
// signer's certificate, chain, and an ESS signing-certificate-v2 attribute
// binding the certificate. The seal image, if any, is the visible mark.
//
// chain lists the issuers of cert, nearest first; it is checked to be a
// chain. The CMS library adds a signing-time attribute from the clock, so
// viewers show the time of signing and /M carries opts.Time. Errors wrap
// ErrUnsupportedPDF when pdf cannot be updated (cross-reference streams,
// encryption) and ErrInvalid for a missing signer or certificate.
func Sign(pdf []byte, signer crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate, opts SignOptions) ([]byte, error) {
	if signer == nil || cert == nil {
		return nil, fmt.Errorf("%w: a signer and its certificate are needed", ErrInvalid)
	}
	if opts.Time.IsZero() {
		opts.Time = time.Now()
	}
	f, err := openPDF(pdf)
	if err != nil {
		return nil, err
	}
	u, err := newUpdate(f, opts)
	if err != nil {
		return nil, err
	}
	size := 8192
	for _, c := range append([]*x509.Certificate{cert}, chain...) {
		size += len(c.Raw)
	}
	out, rng := u.write(size)
	der, err := cmsSign(out, rng, signer, cert, chain)
	if err != nil {
		return nil, err
	}
	if 2*len(der) > rng[2]-rng[1]-2 {
		return nil, fmt.Errorf("sign: signature of %d bytes does not fit", len(der))
	}
	copy(out[rng[1]+1:], hex.EncodeToString(der))
	return out, nil
}

// cmsSign signs the bytes of out outside the /Contents hole.
func cmsSign(out []byte, rng [4]int, signer crypto.Signer, cert *x509.Certificate, chain []*x509.Certificate) ([]byte, error) {
	content := make([]byte, 0, rng[1]+rng[3])
	content = append(content, out[:rng[1]]...)
	content = append(content, out[rng[2]:]...)
	sd, err := pkcs7.NewSignedData(content)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	cfg := pkcs7.SignerInfoConfig{ExtraSignedAttributes: []pkcs7.Attribute{signingCertificateV2(cert)}}
	if err := sd.AddSignerChain(cert, signer, chain, cfg); err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return der, nil
}

// signingCertificateV2 is the ESS attribute (RFC 5035) naming the signer's
// certificate by its SHA-256 hash, the default algorithm, so omitted.
func signingCertificateV2(cert *x509.Certificate) pkcs7.Attribute {
	type essCertIDv2 struct {
		CertHash []byte
	}
	type signingCertificate struct {
		Certs []essCertIDv2
	}
	h := sha256.Sum256(cert.Raw)
	return pkcs7.Attribute{
		Type:  []int{1, 2, 840, 113549, 1, 9, 16, 2, 47},
		Value: signingCertificate{Certs: []essCertIDv2{{CertHash: h[:]}}},
	}
}

// update is an incremental update being built: new and rewritten objects.
type update struct {
	f       *pdfFile
	opts    SignOptions
	objects map[pdfRef][]byte
	sigNum  int
	root    pdfRef
	// fieldCount is the length of the array appendTo last grew.
	fieldCount int
}

// newUpdate adds the signature field to the catalog's /AcroForm and the
// first page's /Annots, rewriting whichever objects hold them.
func newUpdate(f *pdfFile, opts SignOptions) (*update, error) {
	root, ok := f.trailer.get("Root").(pdfRef)
	if !ok {
		return nil, fmt.Errorf("%w: no /Root", ErrUnsupportedPDF)
	}
	u := &update{f: f, opts: opts, objects: map[pdfRef][]byte{}, sigNum: f.size, root: root}
	catalog, err := f.dict(root)
	if err != nil {
		return nil, err
	}
	pageRef, page, err := f.firstPage(catalog)
	if err != nil {
		return nil, err
	}
	field := pdfRef{f.size + 1, 0}
	item := fmt.Sprintf("%d 0 R", field.num)
	n, err := u.addToForm(catalog, item)
	if err != nil {
		return nil, err
	}
	if inline, err := u.appendTo(page, "Annots", item); err != nil {
		return nil, err
	} else if inline {
		u.objects[pageRef] = page.bytes()
	}
	u.objects[field] = fmt.Appendf(nil, "<</Type /Annot /Subtype /Widget /FT /Sig /T %s /F 132 /Rect [0 0 0 0] /V %d 0 R /P %d %d R>>",
		pdfText(fmt.Sprintf("%s%d", sigFieldPrefix, n)), u.sigNum, pageRef.num, pageRef.gen)
	return u, nil
}

// addToForm adds the field to /AcroForm /Fields, creating the form when the
// file has none, and returns how many fields the form then has.
func (u *update) addToForm(catalog *pdfDict, item string) (int, error) {
	switch v := catalog.get("AcroForm").(type) {
	case nil:
		catalog.set("AcroForm", "<</Fields ["+item+"] /SigFlags 3>>")
		u.objects[u.root] = catalog.bytes()
		return 1, nil
	case pdfRef:
		form, err := u.f.dict(v)
		if err != nil {
			return 0, err
		}
		if _, err := u.appendTo(form, "Fields", item); err != nil {
			return 0, err
		}
		form.set("SigFlags", "3")
		u.objects[v] = form.bytes()
	case *pdfDict:
		if _, err := u.appendTo(v, "Fields", item); err != nil {
			return 0, err
		}
		v.set("SigFlags", "3")
		catalog.set("AcroForm", string(v.bytes()))
		u.objects[u.root] = catalog.bytes()
	default:
		return 0, fmt.Errorf("%w: /AcroForm is not a dictionary", ErrUnsupportedPDF)
	}
	return u.fieldCount, nil
}

// appendTo appends item to the array d[key]. An array held in its own
// object is rewritten there and d is unchanged (inline false); otherwise d
// is changed and the caller writes it.
func (u *update) appendTo(d *pdfDict, key, item string) (inline bool, err error) {
	switch v := d.get(key).(type) {
	case pdfRef:
		obj, err := u.f.object(v)
		arr, ok := obj.(pdfArray)
		if err != nil || !ok {
			return false, fmt.Errorf("%w: /%s is not an array", ErrUnsupportedPDF, key)
		}
		u.objects[v] = arrayBytes(arr, item)
		u.fieldCount = len(arr) + 1
		return false, nil
	case pdfArray:
		d.set(key, string(arrayBytes(v, item)))
		u.fieldCount = len(v) + 1
	case nil:
		d.set(key, "["+item+"]")
		u.fieldCount = 1
	default:
		return false, fmt.Errorf("%w: /%s is not an array", ErrUnsupportedPDF, key)
	}
	return true, nil
}

// arrayBytes writes arr with item appended.
func arrayBytes(arr pdfArray, item string) []byte {
	var b bytes.Buffer
	b.WriteByte('[')
	for _, v := range arr {
		b.Write(valueBytes(v))
		b.WriteByte(' ')
	}
	b.WriteString(item + "]")
	return b.Bytes()
}

// valueBytes writes a parsed value back.
func valueBytes(v pdfValue) []byte {
	switch v := v.(type) {
	case pdfRef:
		return fmt.Appendf(nil, "%d %d R", v.num, v.gen)
	case pdfAtom:
		return v
	case pdfName:
		return []byte("/" + string(v))
	case *pdfDict:
		return v.bytes()
	case pdfArray:
		return arrayBytes(v[:len(v):len(v)], "")
	}
	return []byte("null")
}

// pdfText writes s as a text string: UTF-16BE with a byte order mark, in
// hex (ISO 32000-1 §7.9.2.2).
func pdfText(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate writes t as a PDF date with its zone (§7.9.4).
func pdfDate(t time.Time) string {
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("(D:%s%c%02d'%02d')", t.Format("20060102150405"), sign, off/3600, off%3600/60)
}

// byteRangeWidth is the width of each placeholder number in /ByteRange.
const byteRangeWidth = 10

// write appends the update with a /Contents hole of holeSize bytes and
// fills /ByteRange; it returns the file and the range [0, a, b, c].
func (u *update) write(holeSize int) ([]byte, [4]int) {
	var rng [4]int
	var b bytes.Buffer
	b.Write(u.f.b)
	if !bytes.HasSuffix(u.f.b, []byte("\n")) {
		b.WriteByte('\n')
	}
	offsets := map[pdfRef]int{}
	placeholder := strings.Repeat(" ", byteRangeWidth)
	offsets[pdfRef{u.sigNum, 0}] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached\n/ByteRange [0 %s %s %s]\n/Contents ",
		u.sigNum, placeholder, placeholder, placeholder)
	rangeAt := bytes.LastIndex(b.Bytes(), []byte("/ByteRange [0 ")) + len("/ByteRange [0 ")
	rng[1] = b.Len()
	b.WriteByte('<')
	b.Write(bytes.Repeat([]byte("0"), 2*holeSize))
	b.WriteByte('>')
	rng[2] = b.Len()
	fmt.Fprintf(&b, "\n/M %s", pdfDate(u.opts.Time))
	for _, kv := range [][2]string{{"Name", u.opts.Name}, {"Reason", u.opts.Reason}, {"Location", u.opts.Location}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, " /%s %s", kv[0], pdfText(kv[1]))
		}
	}
	b.WriteString(">>\nendobj\n")
	for _, r := range sortedRefs(u.objects) {
		offsets[r] = b.Len()
		fmt.Fprintf(&b, "%d %d obj\n%s\nendobj\n", r.num, r.gen, u.objects[r])
	}
	u.writeXref(&b, offsets)
	out := b.Bytes()
	rng[3] = len(out) - rng[2]
	nums3 := fmt.Sprintf("%*d %*d %*d", byteRangeWidth, rng[1], byteRangeWidth, rng[2], byteRangeWidth, rng[3])
	copy(out[rangeAt:], nums3)
	return out, rng
}

// writeXref writes the cross-reference section of the update and its
// trailer, chained to the previous one by /Prev.
func (u *update) writeXref(b *bytes.Buffer, offsets map[pdfRef]int) {
	refs := sortedRefs(offsets)
	xref := b.Len()
	b.WriteString("xref\n")
	for i := 0; i < len(refs); {
		j := i
		for j+1 < len(refs) && refs[j+1].num == refs[j].num+1 {
			j++
		}
		fmt.Fprintf(b, "%d %d\n", refs[i].num, j-i+1)
		for _, r := range refs[i : j+1] {
			fmt.Fprintf(b, "%010d %05d n \n", offsets[r], r.gen)
		}
		i = j + 1
	}
	size := max(u.f.size, refs[len(refs)-1].num+1)
	fmt.Fprintf(b, "trailer\n<</Size %d /Root %d %d R", size, u.root.num, u.root.gen)
	if info, ok := u.f.trailer.get("Info").(pdfRef); ok {
		fmt.Fprintf(b, " /Info %d %d R", info.num, info.gen)
	}
	sum := sha256.Sum256(append(bytes.Clone(u.f.b), pdfDate(u.opts.Time)...))
	first := "<" + hex.EncodeToString(sum[:16]) + ">"
	if id, ok := u.f.trailer.get("ID").(pdfArray); ok && len(id) == 2 {
		if a, ok := id[0].(pdfAtom); ok {
			first = string(a)
		}
	}
	fmt.Fprintf(b, " /ID [%s <%s>] /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", first, hex.EncodeToString(sum[:16]), u.f.xref, xref)
}

func sortedRefs[V any](m map[pdfRef]V) []pdfRef {
	refs := make([]pdfRef, 0, len(m))
	for r := range m {
		refs = append(refs, r)
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].num < refs[j].num })
	return refs
}
