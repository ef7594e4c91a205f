-- The red-flag page: one tap from every page (manifest help_page).
-- Emergency signs come first, then the reasons to contact the clinic.
page "call-clinic" {
  title = {
    en = "When to call the clinic or emergency services",
    ar = "متى تتصل بالعيادة أو بالإسعاف",
    fr = "Quand appeler la clinique ou les urgences",
  },
  callout {
    style = "danger",
    title = { en = "Call emergency services now", ar = "اتصل بالإسعاف فورًا", fr = "Appelez les urgences tout de suite" },
    text = {
      en = "Call if you have trouble breathing, if your face, lips or tongue start to swell, or if redness spreads fast and you have a fever. If you are still in the clinic, tell a member of staff at once.",
      ar = "اتصل إذا واجهت صعوبة في التنفس، أو إذا بدأ وجهك أو شفتاك أو لسانك بالتورّم، أو إذا انتشر الاحمرار بسرعة مع حمى. وإذا كنت ما زلت في العيادة، فأخبر أحد الموظفين فورًا.",
      fr = "Appelez si vous avez du mal à respirer, si votre visage, vos lèvres ou votre langue se mettent à gonfler, ou si une rougeur s’étend vite avec de la fièvre. Si vous êtes encore à la clinique, prévenez tout de suite un membre du personnel.",
    },
  },
  heading {
    en = "Contact the clinic the same day if you have",
    ar = "تواصل مع العيادة في اليوم نفسه إذا لاحظت",
    fr = "Contactez la clinique le jour même si vous avez",
    level = 2,
  },
  list {
    { en = "Pain or redness that grows instead of fading", ar = "ألمًا أو احمرارًا يزداد بدلًا من أن يخف", fr = "Une douleur ou une rougeur qui augmente au lieu de diminuer" },
    { en = "Skin that feels warm, or pus (a thick yellow or white fluid)", ar = "جلدًا دافئًا عند لمسه، أو صديدًا (سائلًا كثيفًا أصفر أو أبيض)", fr = "Une peau chaude au toucher, ou du pus (un liquide épais jaune ou blanc)" },
    { en = "A fever", ar = "حمى", fr = "De la fièvre" },
    { en = "Hives (raised, itchy bumps) or an itchy rash that spreads", ar = "شرى (بقعًا بارزة مثيرة للحكة) أو طفحًا جلديًا مثيرًا للحكة ينتشر", fr = "De l’urticaire (des plaques qui gonflent et démangent) ou une éruption qui démange et s’étend" },
    { en = "Pain that is severe or getting worse", ar = "ألمًا شديدًا أو يزداد سوءًا", fr = "Une douleur forte ou qui s’aggrave" },
  },
  paragraph {
    en = "Warmth, pus and fever can be signs of an infection. Hives or a spreading rash can be signs of an allergy. A clinician should check them.",
    ar = "قد تكون السخونة والصديد والحمى علامات على عدوى. وقد يكون الشرى أو الطفح المنتشر علامة على حساسية. يجب أن يفحصها مختص.",
    fr = "La chaleur, le pus et la fièvre peuvent être des signes d’infection. L’urticaire ou une éruption qui s’étend peuvent être des signes d’allergie. Un professionnel de santé doit les examiner.",
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
