-- Where the information comes from, what regulators say, the references,
-- where the symptom questionnaire comes from, and the clinical review
-- ({reviewed_by}, {reviewed_on}, {next_review} come from manifest.lua).
page "about" {
  title = { en = "About this information", ar = "عن هذه المعلومات", fr = "À propos de ces informations" },

  image {
    "images/about.svg",
    alt = {
      en = "An open book with an information sign.",
      ar = "كتاب مفتوح عليه رمز المعلومات.",
      fr = "Un livre ouvert avec un symbole d’information.",
    },
    caption = {
      en = "Where our information comes from.",
      ar = "من أين تأتي معلوماتنا.",
      fr = "D’où viennent nos informations.",
    },
  },

  callout {
    style = "info",
    title = { en = "For education only", ar = "للتثقيف فقط", fr = "Pour vous informer" },
    text = {
      en = "This guide helps you learn about mesotherapy. It does not replace advice from a doctor or nurse.",
      ar = "يساعدك هذا الدليل على التعرّف على الميزوثيرابي، لكنه لا يغني عن نصيحة الطبيب أو الممرض.",
      fr = "Ce guide vous aide à mieux connaître la mésothérapie. Il ne remplace pas les conseils d’un médecin ou d’un infirmier/d’une infirmière.",
    },
  },

  heading { en = "Our sources", ar = "مصادرنا", fr = "Nos sources", level = 2 },
  paragraph {
    en = "We started from web articles about mesotherapy for cellulite. Some of them are promotional: they are written to sell the treatment and promise more than the evidence shows. We checked the medical facts against the reports and studies listed below, and left out claims they do not support.",
    ar = "بدأنا من مقالات على الإنترنت عن علاج السيلوليت بالميزوثيرابي. بعضها ترويجي، أي مكتوب لبيع العلاج، ويَعِد بأكثر مما تُثبته الأدلة. وقد راجعنا المعلومات الطبية مقارنةً بالتقارير والدراسات المذكورة أدناه، وحذفنا الادعاءات التي لا تدعمها.",
    fr = "Nous sommes partis d’articles en ligne sur la mésothérapie contre la cellulite. Certains sont publicitaires : ils cherchent à vendre le traitement et promettent plus que ce que montrent les preuves. Nous avons vérifié les faits médicaux à l’aide des rapports et études listés plus bas, et retiré les affirmations qu’ils ne confirment pas.",
  },

  heading { en = "What regulators say", ar = "ما تقوله الجهات الرقابية", fr = "Ce que disent les autorités", level = 2 },
  list {
    { en = "The mixes injected are not standardised, and the products are often not licensed for this use.",
      ar = "المزائج المحقونة غير موحّدة، وكثيرًا ما تكون المنتجات غير مرخّصة لهذا الاستخدام.",
      fr = "Les mélanges injectés ne sont pas standardisés, et les produits n’ont souvent pas d’autorisation pour cet usage." },
    { en = "2010: the US medicines regulator (FDA) warned about false claims for fat-dissolving \"lipodissolve\" injections. It had approved no product for this.",
      ar = "2010: حذّرت الجهة الأمريكية المنظِّمة للأدوية (FDA) من ادعاءات كاذبة عن حقن إذابة الدهون المعروفة باسم «ليبوديزولف»، ولم تكن قد رخّصت أي منتج لهذا الغرض.",
      fr = "2010 : l’autorité américaine du médicament (FDA) a mis en garde contre les fausses promesses des injections « lipodissolve » censées dissoudre la graisse. Elle n’avait autorisé aucun produit pour cela." },
    { en = "2015: the FDA approved deoxycholic acid (Kybella), but only for fat under the chin.",
      ar = "2015: رخّصت FDA حمض الديوكسيكوليك (Kybella)، لكن للدهون تحت الذقن فقط.",
      fr = "2015 : la FDA a autorisé l’acide désoxycholique (Kybella), mais seulement pour la graisse sous le menton." },
    { en = "2023: the FDA warned again about unapproved fat-dissolving injections, after reports of scars, serious infections and painful lumps.",
      ar = "2023: حذّرت FDA مرة أخرى من حقن إذابة الدهون غير المرخّصة، بعد بلاغات عن ندوب والتهابات خطيرة وكتل مؤلمة.",
      fr = "2023 : la FDA a de nouveau mis en garde contre les injections non autorisées pour dissoudre la graisse, après des cas de cicatrices, d’infections graves et de boules douloureuses." },
    { en = "France banned injecting products to break down fat for cosmetic reasons in 2011 (Décret n° 2011-382). In 2012, the Conseil d'État, France's highest administrative court, upheld the ban on these injections. Mesotherapy for other uses, such as pain, is not covered by the ban.",
      ar = "حظرت فرنسا عام 2011 حقن المواد لتفتيت الدهون لأغراض تجميلية (المرسوم رقم ‎2011-382). وفي عام 2012 أيّد مجلس الدولة، وهو أعلى محكمة إدارية في فرنسا، حظر تقنيات الحقن هذه. ولا يشمل الحظر الميزوثيرابي لأغراض أخرى مثل علاج الألم.",
      fr = "La France a interdit en 2011 les injections de produits destinées à détruire la graisse dans un but esthétique (décret n° 2011-382). En 2012, le Conseil d’État a maintenu l’interdiction de ces injections. La mésothérapie pour d’autres usages, comme la douleur, n’est pas concernée." },
  },

  heading { en = "References", ar = "المراجع", fr = "Références", level = 2 },
  list {
    { en = "US FDA: warning on \"lipodissolve\" claims, April 2010 (fda.gov)",
      ar = "إدارة الغذاء والدواء الأمريكية (FDA): تحذير بشأن ادعاءات «ليبوديزولف»، أبريل 2010 (fda.gov)",
      fr = "FDA (États-Unis) : mise en garde sur les promesses du « lipodissolve », avril 2010 (fda.gov)" },
    { en = "US FDA: warning on unapproved fat-dissolving injections, December 2023 (fda.gov)",
      ar = "FDA: تحذير بشأن حقن إذابة الدهون غير المرخّصة، ديسمبر 2023 (fda.gov)",
      fr = "FDA : mise en garde sur les injections non autorisées contre la graisse, décembre 2023 (fda.gov)" },
    { en = "US FDA: Kybella (deoxycholic acid) label, 2015",
      ar = "FDA: النشرة المرخّصة لدواء Kybella (حمض الديوكسيكوليك)، 2015",
      fr = "FDA : notice de Kybella (acide désoxycholique), 2015" },
    { en = "France: Décret n° 2011-382, 11 April 2011 (legifrance.gouv.fr)",
      ar = "فرنسا: المرسوم رقم ‎2011-382، 11 أبريل 2011 (legifrance.gouv.fr)",
      fr = "France : décret n° 2011-382 du 11 avril 2011 (legifrance.gouv.fr)" },
    { en = "France: Conseil d'État, decision n° 349431, 17 February 2012",
      ar = "فرنسا: مجلس الدولة، القرار رقم 349431، 17 فبراير 2012",
      fr = "France : Conseil d’État, décision n° 349431 du 17 février 2012" },
    { en = "US CDC: outbreak of skin reactions after mesotherapy (MMWR, 2005)",
      ar = "مراكز مكافحة الأمراض الأمريكية (CDC): تفشٍّ لتفاعلات جلدية بعد الميزوثيرابي (MMWR، 2005)",
      fr = "CDC (États-Unis) : série de réactions de la peau après mésothérapie (MMWR, 2005)" },
    { en = "Mycobacterial infections after mesotherapy: a case series (PubMed 17550571) and a systematic review (Int J Womens Dermatol, 2022)",
      ar = "العدوى بالمتفطّرات بعد الميزوثيرابي: سلسلة حالات (PubMed 17550571) ومراجعة منهجية (Int J Womens Dermatol، 2022)",
      fr = "Infections à mycobactéries après mésothérapie : une série de cas (PubMed 17550571) et une revue systématique (Int J Womens Dermatol, 2022)" },
    { en = "France: HAS (national health authority), report on the risks of cosmetic mesotherapy, 2014 (has-sante.fr), summarised by Prescrire, 2015",
      ar = "فرنسا: الهيئة العليا للصحة (HAS)، تقرير عن مخاطر الميزوثيرابي التجميلي، 2014 (has-sante.fr)، ولخّصته مجلة Prescrire عام 2015",
      fr = "France : HAS, rapport sur les risques de la mésothérapie à visée esthétique, 2014 (has-sante.fr), résumé par Prescrire en 2015" },
    { en = "Panniculitis after mesotherapy: a case report (An Bras Dermatol, 2019)",
      ar = "التهاب السَّبَلة الشحمية بعد الميزوثيرابي: تقرير حالة (An Bras Dermatol، 2019)",
      fr = "Panniculite après mésothérapie : un cas publié (An Bras Dermatol, 2019)" },
    { en = "A systematic review of cellulite treatments (Am J Clin Dermatol, 2015)",
      ar = "مراجعة منهجية لعلاجات السيلوليت (Am J Clin Dermatol، 2015)",
      fr = "Une revue systématique des traitements de la cellulite (Am J Clin Dermatol, 2015)" },
    { en = "A review of injections for cellulite (J Cosmet Laser Ther, 2005)",
      ar = "مراجعة عن الحقن لعلاج السيلوليت (J Cosmet Laser Ther، 2005)",
      fr = "Une revue sur les injections contre la cellulite (J Cosmet Laser Ther, 2005)" },
    { en = "US National Cancer Institute: PRO-CTCAE (cancer.gov)",
      ar = "المعهد الوطني للسرطان الأمريكي: PRO-CTCAE (cancer.gov)",
      fr = "Institut national du cancer américain (NCI) : PRO-CTCAE (cancer.gov)" },
  },

  heading { en = "The symptom questionnaire", ar = "استبيان الأعراض", fr = "Le questionnaire sur les symptômes", level = 2 },
  paragraph {
    en = "The questionnaire you fill in at each visit is adapted from PRO-CTCAE, the US National Cancer Institute's questions for patients to report side effects. It is not PRO-CTCAE itself. Its English answer words are PRO-CTCAE's; the Arabic and French are this clinic's own translations. It asks about the time since your last session, where PRO-CTCAE asks about the last 7 days.",
    ar = "الاستبيان الذي تملؤه في كل زيارة مقتبس من PRO-CTCAE، وهي أسئلة وضعها المعهد الوطني للسرطان الأمريكي ليبلّغ بها المرضى عن الآثار الجانبية. لكنه ليس PRO-CTCAE نفسه. فكلمات الإجابات بالإنجليزية مأخوذة من PRO-CTCAE، أما العربية والفرنسية فهي ترجمة خاصة بهذه العيادة. ويسأل الاستبيان عن الفترة منذ جلستك الأخيرة، بينما يسأل PRO-CTCAE عن الأيام السبعة الأخيرة.",
    fr = "Le questionnaire que vous remplissez à chaque visite est adapté de PRO-CTCAE, les questions de l’Institut national du cancer américain qui permettent aux patients de signaler leurs effets secondaires. Ce n’est pas PRO-CTCAE lui-même. Les mots des réponses en anglais sont ceux de PRO-CTCAE ; l’arabe et le français sont des traductions propres à cette clinique. Il porte sur la période depuis votre dernière séance, alors que PRO-CTCAE porte sur les 7 derniers jours.",
  },

  heading { en = "Clinical review", ar = "المراجعة الطبية", fr = "Relecture médicale", level = 2 },
  paragraph {
    en = "Reviewed by: {reviewed_by}. Last reviewed: {reviewed_on}. Next review due: {next_review}.",
    ar = "راجعه: {reviewed_by}. آخر مراجعة: ‎{reviewed_on}. موعد المراجعة القادمة: ‎{next_review}.",
    fr = "Relu par : {reviewed_by}. Dernière relecture : {reviewed_on}. Prochaine relecture prévue : {next_review}.",
  },

  heading { en = "Who to ask", ar = "مَن تسأل", fr = "À qui vous adresser", level = 2 },
  paragraph {
    en = "For questions about your own health or treatment, ask a doctor or nurse. Any member of our staff can help you find the right person.",
    ar = "إذا كانت لديك أسئلة عن صحتك أو علاجك، فاسأل الطبيب أو الممرض. ويمكن لأي من موظفينا أن يساعدك في الوصول إلى الشخص المناسب.",
    fr = "Pour toute question sur votre santé ou votre traitement, adressez-vous à un médecin ou à un infirmier/une infirmière. Chaque membre de notre équipe peut vous orienter vers la bonne personne.",
  },

  button {
    to = "home", style = "secondary",
    label = { en = "Back to the start", ar = "العودة إلى البداية", fr = "Retour au début" },
  },
}
