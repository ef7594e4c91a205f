-- The red-flag page: one tap from every page (manifest help_page).
-- Emergency signs come first, then the reasons to contact the clinic.
page "call-clinic" {
  title = {
    en = "When to call the clinic or emergency services",
    ar = "متى تتصل بالعيادة أو بالإسعاف",
    fr = "Quand appeler la clinique ou les urgences",
  },
  -- The clinic's numbers come from the kiosk's configuration (kiosk.conf):
  -- {clinic_phone}, {clinic_hours}, {out_of_hours_phone}, {emergency_number}.
  -- A kiosk without them reads "ask at the front desk".
  callout {
    style = "info",
    title = { en = "Call the clinic: {clinic_phone}", ar = "اتصل بالعيادة: {clinic_phone}", fr = "Appelez la clinique : {clinic_phone}" },
    text = {
      en = "Opening hours: {clinic_hours}. Out of hours: {out_of_hours_phone}. Emergency services: {emergency_number}.",
      ar = "أوقات الدوام: {clinic_hours}. خارج أوقات الدوام: {out_of_hours_phone}. الإسعاف: {emergency_number}.",
      fr = "Heures d’ouverture : {clinic_hours}. En dehors des heures d’ouverture : {out_of_hours_phone}. Urgences : {emergency_number}.",
    },
  },
  -- The two boxes below list signs (signs { ... }): each names the red_flag
  -- in questionnaire.lua that raises it, at the same level. mesokiosk
  -- --check reports a sign the questionnaire cannot raise, or raises at
  -- another level.
  signs {
    level = "emergency",
    title = { en = "Call emergency services now if you have", ar = "اتصل بالإسعاف فورًا إذا كان لديك", fr = "Appelez les urgences tout de suite si vous avez" },
    { sign = "breathing-now", en = "Trouble breathing, a tight throat or wheezing", ar = "صعوبة في التنفس، أو ضيق في الحلق، أو صفير عند التنفس", fr = "Du mal à respirer, la gorge serrée ou une respiration sifflante" },
    { sign = "breathing-now", en = "Swelling of your face, lips or tongue", ar = "تورّم في الوجه أو الشفتين أو اللسان", fr = "Un gonflement du visage, des lèvres ou de la langue" },
    { sign = "unwell-now", en = "Feeling faint, or collapsing", ar = "شعور بأنك ستفقد الوعي، أو سقوط مفاجئ", fr = "L’impression de vous évanouir, ou un malaise avec chute" },
    { sign = "unwell-now", en = "A fever with confusion, or feeling very unwell", ar = "حمى مع تشوّش، أو توعك شديد", fr = "De la fièvre avec une confusion, ou un très grand malaise" },
    { sign = "redness-fever", en = "Redness that spreads fast, with a fever", ar = "احمرار ينتشر بسرعة مع حمى", fr = "Une rougeur qui s’étend vite, avec de la fièvre" },
  },
  paragraph {
    en = "Emergency services: {emergency_number}. If you are still in the clinic, tell a member of staff at once.",
    ar = "الإسعاف: {emergency_number}. وإذا كنت ما زلت في العيادة، فأخبر أحد الموظفين فورًا.",
    fr = "Urgences : {emergency_number}. Si vous êtes encore à la clinique, prévenez tout de suite un membre du personnel.",
  },
  signs {
    level = "call",
    title = { en = "Contact the clinic the same day if you have", ar = "تواصل مع العيادة في اليوم نفسه إذا كان لديك", fr = "Contactez la clinique le jour même si vous avez" },
    { sign = "worsening", en = "Pain, redness or warmth that grows instead of fading", ar = "ألم أو احمرار أو سخونة تزداد بدلًا من أن تخف", fr = "Une douleur, une rougeur ou une chaleur qui augmente au lieu de diminuer" },
    { sign = "pus", en = "Pus (a thick yellow or white fluid) or other fluid coming out", ar = "صديد (سائل كثيف أصفر أو أبيض) أو سائل آخر يخرج من الجلد", fr = "Du pus (un liquide épais jaune ou blanc) ou un autre liquide qui s’écoule" },
    { sign = "fever", en = "A fever", ar = "حمى", fr = "De la fièvre" },
    { sign = "rash", en = "Hives (raised, itchy bumps) or an itchy rash that spreads", ar = "شرى (بقع بارزة مثيرة للحكة) أو طفح جلدي مثير للحكة ينتشر", fr = "De l’urticaire (des plaques qui gonflent et démangent) ou une éruption qui démange et s’étend" },
    { sign = "severe-pain", en = "Pain that is severe", ar = "ألم شديد", fr = "Une douleur forte" },
    { sign = "skin-death", en = "Skin turning dark, black or very pale", ar = "جلد يصبح داكنًا أو أسود أو شاحبًا جدًا", fr = "Une peau qui devient foncée, noire ou très pâle" },
    { sign = "skin-death", en = "Blisters or open sores", ar = "فقاعات أو قروح مفتوحة", fr = "Des cloques ou des plaies ouvertes" },
    { sign = "lumps", en = "Lumps that are new, growing or leaking, even weeks or months later", ar = "كتل جديدة، أو تكبر، أو يخرج منها سائل، ولو بعد أسابيع أو أشهر", fr = "Des boules nouvelles, qui grossissent ou qui coulent, même des semaines ou des mois après" },
  },
  paragraph {
    en = "Warmth, pus, fever and lumps can be signs of an infection. Hives or a spreading rash can be signs of an allergy. Skin that changes colour or breaks open can be damaged skin. A doctor or nurse should check them.",
    ar = "قد تكون السخونة والصديد والحمى والكتل علامات على عدوى. وقد يكون الشرى أو الطفح المنتشر علامة على حساسية. وقد يعني الجلد الذي يتغيّر لونه أو يتشقق أنه متضرر. يجب أن يفحصها طبيب أو ممرض.",
    fr = "La chaleur, le pus, la fièvre et les boules peuvent être des signes d’infection. L’urticaire ou une éruption qui s’étend peuvent être des signes d’allergie. Une peau qui change de couleur ou s’ouvre peut être abîmée. Un médecin ou une infirmière doit les examiner.",
  },
  callout {
    style = "info",
    title = { en = "Something else worries you?", ar = "هل يقلقك شيء آخر؟", fr = "Autre chose vous inquiète ?" },
    text = {
      en = "Contact the clinic anyway. It is always better to ask, and we are glad to help.",
      ar = "تواصل مع العيادة على أي حال. السؤال أفضل دائمًا، ويسعدنا أن نساعدك.",
      fr = "Contactez quand même la clinique. Il vaut toujours mieux demander, et nous sommes là pour vous aider.",
    },
  },
  image {
    "images/call.svg",
    alt = {
      en = "A mobile phone ringing, next to a clinic building marked with a cross.",
      ar = "هاتف محمول يرن، بجانب مبنى عيادة عليه شارة طبية.",
      fr = "Un téléphone portable qui sonne, à côté d’une clinique marquée d’une croix.",
    },
  },
  button {
    to = "aftercare",
    label = { en = "Next: after treatment", ar = "التالي: بعد العلاج", fr = "Suite : après le traitement" },
  },
}
