page "procedure" {
  title = { en = "Your session", ar = "جلستك العلاجية" },
  columns {
    {
      heading { en = "Before", ar = "قبل الجلسة", level = 2 },
      list {
        { en = "The skin is cleaned.", ar = "يُنظَّف الجلد." },
        { en = "A numbing cream may be put on first.", ar = "قد يوضع كريم مخدّر أولًا." },
      },
      heading { en = "During", ar = "أثناء الجلسة", level = 2 },
      list {
        { en = "A very fine needle, or an injection gun, is used.", ar = "تُستخدم إبرة دقيقة جدًا أو مسدس حقن." },
        { en = "A session takes about 30 to 60 minutes.", ar = "تستغرق الجلسة من 30 إلى 60 دقيقة تقريبًا." },
      },
    },
    {
      image {
        "images/calendar.svg",
        alt = {
          en = "A calendar with one session marked each week.",
          ar = "تقويم عليه جلسة واحدة في كل أسبوع.",
        },
        caption = {
          en = "Sessions are often weekly or every two weeks.",
          ar = "تكون الجلسات غالبًا كل أسبوع أو كل أسبوعين.",
        },
      },
    },
  },
  heading { en = "After", ar = "بعد الجلسة", level = 2 },
  paragraph {
    en = "Most people go back to their usual day straight away. Any change in the skin shows slowly, over two to four weeks. Your clinician decides how many sessions you need.",
    ar = "يعود معظم الناس إلى يومهم المعتاد مباشرة. ويظهر أي تغيّر في الجلد ببطء، خلال أسبوعين إلى أربعة أسابيع. ويحدد طبيبك عدد الجلسات التي تحتاجها.",
  },
  button { to = "side-effects", label = { en = "Next: side effects", ar = "التالي: الآثار الجانبية" } },
}
