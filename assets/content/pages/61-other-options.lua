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
      en = "Creams: lotions or serums made for cellulite, put on the skin at home.",
      ar = "الكريمات: مستحضرات أو أمصال مخصصة للسيلوليت، توضع على الجلد في المنزل.",
      fr = "Crèmes : lotions ou sérums prévus pour la cellulite, à appliquer sur la peau chez soi.",
    },
    {
      en = "Massage: special massage methods that aim to improve blood flow in the area.",
      ar = "التدليك: طرق تدليك خاصة تهدف إلى تحسين تدفق الدم في المنطقة.",
      fr = "Massage : des techniques de massage qui visent à améliorer la circulation du sang dans la zone.",
    },
    {
      en = "Laser: a device that uses light to heat the tissue under the skin.",
      ar = "الليزر: جهاز يستخدم الضوء لتسخين الأنسجة تحت الجلد.",
      fr = "Laser : un appareil qui utilise la lumière pour chauffer les tissus sous la peau.",
    },
    {
      en = "Radiofrequency and ultrasound: devices that heat deeper tissue to help the skin make collagen (a protein that keeps it firm).",
      ar = "الترددات الراديوية والموجات فوق الصوتية: أجهزة تسخّن الأنسجة العميقة لتساعد الجلد على إنتاج الكولاجين (بروتين يحافظ على تماسكه).",
      fr = "Radiofréquence et ultrasons : des appareils qui chauffent les tissus profonds pour aider la peau à produire du collagène (une protéine qui la garde ferme).",
    },
    {
      en = "Lifestyle changes: regular exercise, a balanced diet and a healthy weight.",
      ar = "تغيير نمط الحياة: نشاط بدني منتظم، وغذاء متوازن، ووزن صحي.",
      fr = "Hygiène de vie : une activité physique régulière, une alimentation équilibrée et un poids de forme.",
    },
  },
  paragraph {
    en = "Ask your clinician which options could suit you, and what each one involves.",
    ar = "اسأل طبيبك عن الخيارات التي قد تناسبك، وعمّا يتطلبه كل منها.",
    fr = "Demandez à votre praticien quelles options pourraient vous convenir, et ce que chacune implique.",
  },
  button {
    to = "cost",
    label = { en = "Next: cost", ar = "التالي: التكلفة", fr = "Suite : le coût" },
  },
}
