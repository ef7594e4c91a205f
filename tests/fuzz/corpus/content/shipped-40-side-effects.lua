-- Side effects: what is common, what is less common, what is rare, and a
-- clear way to the red-flag page (call-clinic).
page "side-effects" {
  title = {
    en = "Side effects: what is normal",
    ar = "الآثار الجانبية: ما الطبيعي منها",
    fr = "Effets secondaires : ce qui est normal",
  },
  paragraph {
    en = "Like any injection, mesotherapy can cause side effects. Most are mild and go away on their own. A few are rare but can be serious. Knowing what is normal helps you notice what is not.",
    ar = "كأي علاج بالحقن، قد يسبب الميزوثيرابي آثارًا جانبية. معظمها خفيف ويزول من تلقاء نفسه، وبعضها نادر لكنه قد يكون خطيرًا. ومعرفة الطبيعي منها تساعدك على ملاحظة ما هو غير طبيعي.",
    fr = "Comme toute injection, la mésothérapie peut avoir des effets secondaires. La plupart sont légers et passent d’eux-mêmes. Quelques-uns sont rares mais peuvent être graves. Savoir ce qui est normal vous aide à repérer ce qui ne l’est pas.",
  },
  image {
    "images/side-effects.svg",
    mirror = true, -- time runs right to left in Arabic
    alt = {
      en = "Three pictures of the same small bruise: dark at first, then lighter, then almost gone as the days pass.",
      ar = "ثلاث صور للكدمة الصغيرة نفسها: داكنة في البداية، ثم أفتح، ثم تكاد تختفي مع مرور الأيام.",
      fr = "Trois images du même petit bleu : foncé au début, puis plus clair, puis presque disparu au fil des jours.",
    },
    caption = {
      en = "A bruise usually fades in 7 to 10 days.",
      ar = "تزول الكدمة عادةً خلال 7 إلى 10 أيام.",
      fr = "Un bleu disparaît en général en 7 à 10 jours.",
    },
  },
  heading { en = "Common and mild", ar = "شائعة وخفيفة", fr = "Fréquents et légers", level = 2 },
  paragraph {
    en = "These show up where the needle went in. Most settle within a few days.",
    ar = "تظهر هذه الآثار في مكان دخول الإبرة، ويهدأ معظمها خلال أيام قليلة.",
    fr = "Ils apparaissent là où l’aiguille est entrée. La plupart se calment en quelques jours.",
  },
  list {
    { en = "Bruising, which fades in 7 to 10 days", ar = "كدمات تزول خلال 7 إلى 10 أيام", fr = "Des bleus, qui disparaissent en 7 à 10 jours" },
    { en = "Swelling or redness", ar = "تورّم أو احمرار", fr = "Un gonflement ou une rougeur" },
    { en = "Itching or a burning feeling", ar = "حكة أو إحساس بالحرقة", fr = "Des démangeaisons ou une sensation de brûlure" },
    { en = "Tenderness (soreness when touched) for a few days", ar = "ألم عند لمس المكان لبضعة أيام", fr = "Une sensibilité au toucher pendant quelques jours" },
  },
  heading { en = "Less common", ar = "أقل شيوعًا", fr = "Moins fréquents", level = 2 },
  paragraph {
    en = "Some people get inflammation (the skin turns red, swollen and sore), painful lumps or sores, or a rash.",
    ar = "قد يُصاب بعض الناس بالتهاب (يصبح الجلد أحمر ومتورمًا ومؤلمًا)، أو بكتل أو قروح مؤلمة، أو بطفح جلدي.",
    fr = "Certaines personnes ont une inflammation (la peau devient rouge, gonflée et douloureuse), des boules ou des plaies douloureuses, ou une éruption sur la peau.",
  },
  paragraph {
    en = "Do not wait for a lump or sore to go away. The clinic needs to check it if it lasts more than 2 weeks, grows, leaks fluid, or appears weeks after a session.",
    ar = "لا تنتظر حتى تزول الكتلة أو القرحة من تلقاء نفسها. يجب أن تفحصها العيادة إذا استمرت أكثر من أسبوعين، أو كبرت، أو خرج منها سائل، أو ظهرت بعد الجلسة بأسابيع.",
    fr = "N’attendez pas qu’une boule ou une plaie disparaisse. La clinique doit l’examiner si elle dure plus de 2 semaines, grossit, laisse couler du liquide, ou apparaît des semaines après une séance.",
  },
  heading { en = "Rare but can be serious", ar = "نادرة لكنها قد تكون خطيرة", fr = "Rares mais parfois graves", level = 2 },
  list {
    { en = "Infection with mycobacteria, germs related to the one that causes TB (but not TB). It can cause lumps or abscesses (pockets of pus) weeks after the injections, and may need long treatment.",
      ar = "عدوى بالمتفطّرات، وهي جراثيم قريبة من جرثومة السل (لكنها ليست السل). وقد تسبب كتلًا أو خراجات (تجمّعات من الصديد) بعد الحقن بأسابيع، وقد يطول علاجها.",
      fr = "Une infection par des mycobactéries, des microbes de la même famille que celui de la tuberculose (mais ce n’est pas la tuberculose). Elle peut causer des boules ou des abcès (des poches de pus) des semaines après les injections, et demander un long traitement." },
    { en = "Inflamed fat under the skin (panniculitis): painful, swollen lumps",
      ar = "التهاب الدهون تحت الجلد (التهاب السَّبَلة الشحمية): كتل مؤلمة ومتورمة",
      fr = "Une inflammation de la graisse sous la peau (panniculite) : des boules douloureuses et gonflées" },
    { en = "Damaged skin that dies and breaks down, leaving ulcers (open sores)",
      ar = "تضرّر الجلد وموت أنسجته وتفتّتها، فتبقى قروح مفتوحة",
      fr = "Une peau abîmée qui meurt et s’ouvre, en laissant des ulcères (des plaies ouvertes)" },
    { en = "Scars, which can be permanent",
      ar = "ندوب قد تكون دائمة",
      fr = "Des cicatrices, parfois définitives" },
    { en = "Uneven or misshapen skin",
      ar = "جلد غير مستوٍ أو متغيّر الشكل",
      fr = "Une peau irrégulière ou déformée" },
    { en = "Dark patches on the skin",
      ar = "بقع داكنة على الجلد",
      fr = "Des taches foncées sur la peau" },
    { en = "A severe allergic reaction",
      ar = "رد فعل تحسسي شديد",
      fr = "Une réaction allergique grave" },
    { en = "Fainting, during or after the injections",
      ar = "الإغماء أثناء الحقن أو بعده",
      fr = "Un évanouissement, pendant ou après les injections" },
  },
  callout {
    style = "warning",
    title = { en = "Know when to get help", ar = "اعرف متى تطلب المساعدة", fr = "Savoir quand demander de l’aide" },
    text = {
      en = "Pain or redness that grows instead of fading, a fever, a lump or sore that will not heal, or swelling of the face or lips is not normal. The next page tells you what to do.",
      ar = "الألم أو الاحمرار الذي يزداد بدلًا من أن يخف، أو الحمى، أو كتلة أو قرحة لا تلتئم، أو تورّم الوجه أو الشفتين، كلها أمور غير طبيعية. تخبرك الصفحة التالية بما عليك فعله.",
      fr = "Une douleur ou une rougeur qui augmente au lieu de diminuer, de la fièvre, une boule ou une plaie qui ne guérit pas, ou un gonflement du visage ou des lèvres ne sont pas normaux. La page suivante vous dit quoi faire.",
    },
  },
  button {
    to = "call-clinic",
    label = { en = "Next: when to call", ar = "التالي: متى تتصل", fr = "Suite : quand appeler" },
  },
}
