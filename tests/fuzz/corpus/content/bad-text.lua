page "bad-text" {
  title = { en = "H\0i", ar = "\xff\xfe", fr = "x\27[2J" },
  paragraph { en = "a\u{301}\u{301}\u{301}\u{301}\u{301}", ar = "   ", fr = "" },
}
