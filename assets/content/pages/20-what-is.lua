page "what-is" {
  title = { en = "What is mesotherapy?", ar = "ما هو الميزوثيرابي؟" },
  paragraph {
    en = "Mesotherapy is a treatment given as many small injections into the middle layer of the skin. The injected mix usually holds vitamins, minerals, amino acids and medicines.",
    ar = "الميزوثيرابي علاج يُعطى على شكل حقن صغيرة كثيرة في الطبقة الوسطى من الجلد. ويحتوي المزيج المحقون عادةً على فيتامينات ومعادن وأحماض أمينية وأدوية.",
  },
  image {
    "images/skin-layers.svg",
    alt = {
      en = "Drawing of the layers of the skin, with a fine needle reaching the middle layer.",
      ar = "رسم لطبقات الجلد، وإبرة دقيقة تصل إلى الطبقة الوسطى.",
    },
    caption = {
      en = "The injections reach the middle layer of the skin, above the fat.",
      ar = "تصل الحقن إلى الطبقة الوسطى من الجلد، فوق طبقة الدهون.",
    },
  },
  heading { en = "Where it comes from", ar = "من أين جاء", level = 2 },
  paragraph {
    en = "A French doctor, Michel Pistor, first described it in 1952. Today it is also used for other purposes, such as hair loss and skin care.",
    ar = "وصفه أول مرة الطبيب الفرنسي ميشيل بيستور عام 1952. ويُستخدم اليوم أيضًا لأغراض أخرى، مثل تساقط الشعر والعناية بالبشرة.",
  },
  callout {
    style = "info",
    title = { en = "Results vary", ar = "النتائج تختلف" },
    text = {
      en = "Evidence for mesotherapy is still limited, and results differ from person to person. Your clinician can tell you what to expect in your case.",
      ar = "ما زالت الأدلة العلمية على الميزوثيرابي محدودة، وتختلف النتائج من شخص لآخر. يستطيع طبيبك أن يخبرك بما يمكن توقعه في حالتك.",
    },
  },
  button { to = "procedure", label = { en = "Next: your session", ar = "التالي: جلستك" } },
}
