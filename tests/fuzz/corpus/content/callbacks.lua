-- Callbacks: on_show and on_tap, kiosk.go to a page, kiosk.lang and kiosk.page.
local seen = 0
page "tapper" {
  title = { en = "Taps", ar = "لمسات", fr = "Touches" },
  on_show = function(kiosk)
    seen = seen + 1
    if kiosk.lang() == "ar" and kiosk.page() == "tapper" then seen = seen + 2 end
  end,
  paragraph { en = "Tap below.", ar = "المس أدناه.", fr = "Touchez ci-dessous." },
  button {
    on_tap = function(kiosk) kiosk.go("home") end,
    label = { en = "Home", ar = "الرئيسية", fr = "Accueil" },
  },
  button {
    to = "home", style = "secondary",
    on_tap = function(kiosk) if seen > 3 then kiosk.go "home" end end,
    label = { en = "Again", ar = "مرة أخرى", fr = "Encore" },
  },
}
