-- Side effects: what is common, what is less common, what is rare, and a
-- clear way to the red-flag page (call-clinic).
page "side-effects" {
  title = {
    en = "Side effects: what is normal",
    ar = "الآثار الجانبية: ما الطبيعي منها",
    fr = "Effets secondaires : ce qui est normal",
  },
  paragraph {
    en = "Like any injection, mesotherapy can cause side effects. Most are mild and go away on their own. Knowing what is normal helps you notice what is not.",
    ar = "كأي علاج بالحقن، قد يسبب الميزوثيرابي آثارًا جانبية. معظمها خفيف ويزول من تلقاء نفسه. ومعرفة الطبيعي منها تساعدك على ملاحظة ما هو غير طبيعي.",
    fr = "Comme toute injection, la mésothérapie peut avoir des effets secondaires. La plupart sont légers et disparaissent d’eux-mêmes. Savoir ce qui est normal vous aide à repérer ce qui ne l’est pas.",
  },
  image {
    "images/side-effects.svg",
    mirror = true, -- time runs right to left in Arabic
    alt = {
      en = "Three pictures of the same small bruise: dark at first, then lighter, then almost gone as the days pass.",
      ar = "ثلاث صور للكدمة الصغيرة نفسها: داكنة في البداية، ثم أفتح، ثم تكاد تختفي مع مرور الأيام.",
      fr = "Trois images du même petit bleu : foncé au début, puis plus clair, puis presque disparu au fil des jours.",
    },
    caption = {
      en = "A bruise usually fades in 7 to 10 days.",
      ar = "تزول الكدمة عادةً خلال 7 إلى 10 أيام.",
      fr = "Un bleu disparaît en général en 7 à 10 jours.",
    },
  },
  heading { en = "Common and mild", ar = "شائعة وخفيفة", fr = "Fréquents et légers", level = 2 },
  paragraph {
    en = "These show up where the needle went in. Most settle within a few days.",
    ar = "تظهر هذه الآثار في مكان دخول الإبرة، ويهدأ معظمها خلال أيام قليلة.",
    fr = "Ils apparaissent là où l’aiguille est entrée. La plupart se calment en quelques jours.",
  },
  list {
    { en = "Bruising, which fades in 7 to 10 days", ar = "كدمات تزول خلال 7 إلى 10 أيام", fr = "Des bleus, qui disparaissent en 7 à 10 jours" },
    { en = "Swelling or redness", ar = "تورّم أو احمرار", fr = "Un gonflement ou une rougeur" },
    { en = "Itching or a burning feeling", ar = "حكة أو إحساس بالحرقة", fr = "Des démangeaisons ou une sensation de brûlure" },
    { en = "Tenderness (soreness when touched) for a few days", ar = "ألم عند لمس المكان لبضعة أيام", fr = "Une sensibilité au toucher pendant quelques jours" },
  },
  heading { en = "Less common", ar = "أقل شيوعًا", fr = "Moins fréquents", level = 2 },
  paragraph {
    en = "Some people get inflammation (the skin turns red, swollen and sore), painful lumps or sores, or a rash. These usually clear up in one to two weeks.",
    ar = "قد يُصاب بعض الناس بالتهاب (يصبح الجلد أحمر ومتورمًا ومؤلمًا)، أو بكتل أو تقرحات مؤلمة، أو بطفح جلدي. وتزول هذه عادةً خلال أسبوع إلى أسبوعين.",
    fr = "Certaines personnes ont une inflammation (la peau devient rouge, gonflée et douloureuse), des boules ou des plaies douloureuses, ou une éruption sur la peau. Cela passe en général en une à deux semaines.",
  },
  heading { en = "Rare", ar = "نادرة", fr = "Rares", level = 2 },
  paragraph {
    en = "An allergic reaction or an infection can happen, but this is rare. Being treated by a trained, experienced clinician lowers the risk.",
    ar = "قد يحدث رد فعل تحسسي أو عدوى، لكن ذلك نادر. ويقلّ الخطر عندما يتولى العلاج مختص مدرَّب وذو خبرة.",
    fr = "Une réaction allergique ou une infection peut survenir, mais c’est rare. Être traité par un professionnel formé et expérimenté réduit ce risque.",
  },
  callout {
    style = "warning",
    title = { en = "Know when to get help", ar = "اعرف متى تطلب المساعدة", fr = "Savoir quand demander de l’aide" },
    text = {
      en = "Pain or redness that grows instead of fading, a fever, or swelling of the face or lips is not normal. The next page tells you what to do.",
      ar = "الألم أو الاحمرار الذي يزداد بدلًا من أن يخف، أو الحمى، أو تورّم الوجه أو الشفتين، كلها أمور غير طبيعية. تخبرك الصفحة التالية بما عليك فعله.",
      fr = "Une douleur ou une rougeur qui augmente au lieu de diminuer, de la fièvre, ou un gonflement du visage ou des lèvres ne sont pas normaux. La page suivante vous dit quoi faire.",
    },
  },
  button {
    to = "call-clinic",
    label = { en = "Next: when to call", ar = "التالي: متى تتصل", fr = "Suite : quand appeler" },
  },
}
