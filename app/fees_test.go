package app

import "testing"

func TestFeePerPage(t *testing.T) {
	tests := []struct{ pages, want int }{
		{0, 0}, {1, 0}, {30, 0}, {31, 10}, {100, 700}, {101, 720}, {200, 2700}, {201, 2740},
		// The reported bill: 70×10 + 100×20 + 2,019×40 = 83,460.
		{2219, 83460},
	}
	for _, tc := range tests {
		if got := FeePerPage(tc.pages); got != tc.want {
			t.Errorf("FeePerPage(%d) = %d, want %d", tc.pages, got, tc.want)
		}
	}
}

func TestFeePerApplication(t *testing.T) {
	tests := []struct{ n, want int }{
		{1, 0}, {10, 0}, {11, 100}, {30, 100}, {31, 200}, {40, 200}, {41, 300}, {50, 300}, {51, 400},
	}
	for _, tc := range tests {
		if got := FeePerApplication(tc.n); got != tc.want {
			t.Errorf("FeePerApplication(%d) = %d, want %d", tc.n, got, tc.want)
		}
	}
}
