-- Other options for cellulite: one neutral line each, nothing promotional.
page "other-options" {
  title = { en = "Other options", ar = "خيارات أخرى", fr = "Les autres options" },
  paragraph {
    en = "Mesotherapy is not the only way people treat cellulite. Here are other options, in short. Results vary with each of them.",
    ar = "الميزوثيرابي ليس الطريقة الوحيدة لعلاج السيلوليت. إليك خيارات أخرى باختصار. وتختلف النتائج في كل منها.",
    fr = "La mésothérapie n’est pas le seul moyen de traiter la cellulite. Voici, en bref, d’autres options. Les résultats varient pour chacune d’elles.",
  },
  image {
    "images/options.svg",
    alt = {
      en = "A tube of cream, a massage roller and a small handheld treatment device, side by side.",
      ar = "أنبوب كريم، وأداة تدليك دوّارة، وجهاز علاجي صغير يُمسك باليد، جنبًا إلى جنب.",
      fr = "Un tube de crème, un rouleau de massage et un petit appareil de soin à main, côte à côte.",
    },
  },
  list {
    {
      en = "Doing nothing: cellulite is normal and harmless, so leaving it alone is a fine choice.",
      ar = "عدم العلاج: السيلوليت أمر طبيعي وغير ضار، لذلك فإن تركه كما هو خيار جيد.",
      fr = "Ne rien faire : la cellulite est normale et sans danger, la laisser telle quelle est donc un bon choix.",
    },
    {
      en = "Creams: lotions or serums made for cellulite, put on the skin at home.",
      ar = "الكريمات: مستحضرات أو أمصال مخصصة للسيلوليت، توضع على الجلد في المنزل.",
      fr = "Crèmes : lotions ou sérums prévus pour la cellulite, à appliquer sur la peau chez soi.",
    },
    {
      en = "Massage: special massage methods that aim to improve blood flow in the area.",
      ar = "التدليك: طرق تدليك خاصة تهدف إلى تحسين تدفق الدم في المنطقة.",
      fr = "Massage : des techniques de massage qui visent à améliorer la circulation du sang dans la zone.",
    },
    {
      en = "Laser: a device that uses light to heat the tissue under the skin.",
      ar = "الليزر: جهاز يستخدم الضوء لتسخين الأنسجة تحت الجلد.",
      fr = "Laser : un appareil qui utilise la lumière pour chauffer les tissus sous la peau.",
    },
    {
      en = "Heat devices: machines that use radio waves or sound waves to warm deeper tissue, to try to firm the skin.",
      ar = "أجهزة التسخين: أجهزة تستخدم موجات الراديو أو الموجات الصوتية لتدفئة الأنسجة العميقة، بهدف شدّ الجلد.",
      fr = "Appareils chauffants : des machines qui utilisent des ondes radio ou des ondes sonores pour chauffer les tissus profonds, afin d’essayer de raffermir la peau.",
    },
    {
      en = "Lifestyle: regular exercise, a balanced diet and a healthy weight. Good for your health, but they do not prevent cellulite.",
      ar = "نمط الحياة: نشاط بدني منتظم، وغذاء متوازن، ووزن صحي. وهي مفيدة لصحتك، لكنها لا تمنع ظهور السيلوليت.",
      fr = "Hygiène de vie : une activité physique régulière, une alimentation équilibrée et un poids de forme. C’est bon pour la santé, mais cela n’empêche pas la cellulite.",
    },
  },
  paragraph {
    en = "A 2015 review of studies on cellulite treatments found no clear proof that any of them works well. Ask your doctor or nurse what each option involves and what is known about it.",
    ar = "وجدت مراجعة للدراسات عن علاجات السيلوليت نُشرت عام 2015 أنه لا يوجد دليل واضح على أن أيًّا منها فعّال بشكل جيد. اسأل الطبيب أو الممرض عمّا يتطلبه كل خيار وما هو معروف عنه.",
    fr = "Une revue des études sur les traitements de la cellulite, publiée en 2015, n’a trouvé aucune preuve claire que l’un d’eux marche bien. Demandez à votre médecin ou infirmier/infirmière ce que chaque option implique et ce que l’on en sait.",
  },
  button {
    to = "cost",
    label = { en = "Next: cost", ar = "التالي: التكلفة", fr = "Suite : le coût" },
  },
}
