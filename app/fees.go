package app

// Information-processing fees, 国办函〔2020〕109号 Arts 3–5, as read in
// regulation.md §2 and settled in decisions.md ("Fee"). The agency picks
// one method per application; both amounts are computed so the officer can
// compare them. Amounts are whole yuan.

// FeePerApplication is the fee for an applicant's n-th application in one
// calendar month (按件计收, Art 4): 1–10 free, 11–30 at 100 yuan, then every
// further block of 10 costs 100 yuan more per application (31–40 at 200,
// 41–50 at 300, …).
func FeePerApplication(n int) int {
	switch {
	case n <= 10:
		return 0
	case n <= 30:
		return 100
	}
	return 100 * (2 + (n-31)/10)
}

// FeePerPage is the fee for an application of pages pages (按量计收, Art 5),
// charged band by band (超额累进): 1–30 free, 31–100 at 10 yuan, 101–200 at 20
// yuan, 201 and above at 40 yuan. 2,219 pages cost 83,460 yuan, the figure
// of a reported bill (regulation.md §2).
func FeePerPage(pages int) int {
	bands := []struct{ upTo, price int }{{30, 0}, {100, 10}, {200, 20}, {1 << 31, 40}}
	total, from := 0, 0
	for _, b := range bands {
		if pages <= from {
			break
		}
		n := min(pages, b.upTo) - from
		total += n * b.price
		from = b.upTo
	}
	return total
}
