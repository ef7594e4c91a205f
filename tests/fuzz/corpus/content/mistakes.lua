-- Mistakes the checker must report at file:line.
page "mistakes" {
  title = { en = "Mistakes", fr = "Erreurs" },
  paragraph { en = "Missing Arabic", fr = "Pas d'arabe : ici" },
  button { to = "nowhere", label = { en = "x", ar = "x", fr = "x" } },
  image { "../manifest.lua", alt = { en = "a", ar = "a", fr = "a" } },
  image { "images/missing.png" },
  heading { en = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ar = "x", fr = "x", level = 3 },
  wobble { en = "unknown block" },
  columns { { columns { {}, {} } } },
  callout { style = "loud", en = 1, ar = true, fr = {} },
}
page "mistakes" { title = { en = "Twice", ar = "مرتين", fr = "Deux fois" } }
