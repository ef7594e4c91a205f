-- What cellulite is, where it shows, why it is so common, that it is
-- harmless, why diet and exercise do not prevent or remove it, and that
-- doing nothing is an option.
page "cellulite" {
  title = {
    en = "What is cellulite?",
    ar = "ما هو السيلوليت؟",
    fr = "Qu’est-ce que la cellulite ?",
  },

  paragraph {
    en = "Cellulite makes the skin look dimpled or lumpy. Some people call it \"orange peel\" skin. It is very common, and it is not harmful to your health.",
    ar = "السيلوليت يجعل الجلد يبدو متموّجًا أو فيه نتوءات صغيرة، ويسميه بعض الناس «جلد البرتقال». وهو شائع جدًا، ولا يضر بصحتك.",
    fr = "La cellulite donne à la peau un aspect creusé ou bosselé. On parle parfois de « peau d’orange ». Elle est très fréquente, et elle n’est pas dangereuse pour la santé.",
  },

  paragraph {
    en = "Under the skin there is a layer of fat. Bands of firm tissue, called connective tissue, run through it. When fat pushes up between these bands, the surface of the skin looks uneven.",
    ar = "تحت الجلد طبقة من الدهون تمرّ خلالها أشرطة من نسيج متين يُسمّى النسيج الضام. وعندما تندفع الدهون إلى الأعلى بين هذه الأشرطة، يبدو سطح الجلد غير مستوٍ.",
    fr = "Sous la peau se trouve une couche de graisse. Des bandes de tissu ferme, appelé tissu conjonctif, la traversent. Quand la graisse pousse vers le haut entre ces bandes, la surface de la peau devient irrégulière.",
  },

  image {
    "images/cellulite.svg",
    alt = {
      en = "Two drawings of the skin cut open. On the left, the surface is smooth. On the right, fat cells push up between firm bands of tissue, and the surface above them is dimpled.",
      ar = "رسمان لمقطع في الجلد. في الرسم الأيسر سطح الجلد أملس. وفي الرسم الأيمن تندفع خلايا دهنية إلى الأعلى بين أشرطة من نسيج متين، فيصبح السطح فوقها متموّجًا.",
      fr = "Deux dessins de la peau vue en coupe. À gauche, la surface est lisse. À droite, des cellules de graisse poussent vers le haut entre des bandes de tissu ferme, et la surface au-dessus est creusée.",
    },
    caption = {
      en = "Left: smooth skin. Right: fat pushing up between the bands makes dimples.",
      ar = "على اليسار: جلد أملس. على اليمين: اندفاع الدهون بين الأشرطة يصنع التموّجات.",
      fr = "À gauche : une peau lisse. À droite : la graisse qui pousse entre les bandes crée des creux.",
    },
  },

  columns {
    {
      heading { en = "Where it shows", ar = "أين يظهر؟", fr = "Où la voit-on ?", level = 2 },
      list {
        { en = "Thighs and legs", ar = "الفخذان والساقان", fr = "Les cuisses et les jambes" },
        { en = "Buttocks", ar = "الأرداف", fr = "Les fesses" },
        { en = "Belly", ar = "البطن", fr = "Le ventre" },
        { en = "Upper arms", ar = "أعلى الذراعين", fr = "Le haut des bras" },
      },
    },
    {
      image {
        "images/body-areas.svg",
        alt = {
          en = "A simple figure seen from the front and the back. The upper arms, belly, buttocks and thighs are coloured.",
          ar = "رسم بسيط لجسم من الأمام ومن الخلف، ظُلّل فيه أعلى الذراعين والبطن والأرداف والفخذان.",
          fr = "Une silhouette simple vue de face et de dos. Le haut des bras, le ventre, les fesses et les cuisses sont en couleur.",
        },
      },
    },
  },

  heading {
    en = "Why is it so common in women?",
    ar = "لماذا هو شائع جدًا لدى النساء؟",
    fr = "Pourquoi est-elle si fréquente chez les femmes ?",
    level = 2,
  },

  paragraph {
    en = "Between 80 and 90 in every 100 women have some cellulite after puberty. Men can have it too. Several things play a part:",
    ar = "ما بين 80 و90 من كل 100 امرأة لديهن شيء من السيلوليت بعد البلوغ، وقد يظهر لدى الرجال أيضًا. وتشترك في ذلك عدة عوامل:",
    fr = "Entre 80 et 90 femmes sur 100 ont un peu de cellulite après la puberté. Les hommes peuvent en avoir aussi. Plusieurs choses jouent un rôle :",
  },

  list {
    { en = "Hormones.",
      ar = "الهرمونات.",
      fr = "Les hormones." },
    { en = "Family: it often runs in families.",
      ar = "الوراثة: كثيرًا ما يتكرر في العائلة نفسها.",
      fr = "L’hérédité : elle est souvent présente dans la même famille." },
    { en = "Weight: it can show at any body weight, in people of every background.",
      ar = "الوزن: قد يظهر مع أي وزن، ولدى أشخاص من كل الأصول.",
      fr = "Le poids : elle peut apparaître quel que soit le poids, chez des personnes de toutes origines." },
  },

  callout {
    style = "info",
    title = {
      en = "Diet and exercise",
      ar = "الغذاء والرياضة",
      fr = "Alimentation et sport",
    },
    text = {
      en = "Eating well and staying active are good for your health, and may change how your skin looks a little. They do not prevent cellulite or make it go away.",
      ar = "الأكل الصحي والنشاط البدني مفيدان لصحتك، وقد يغيّران مظهر الجلد قليلًا. لكنهما لا يمنعان ظهور السيلوليت ولا يزيلانه.",
      fr = "Bien manger et bouger sont bons pour votre santé, et peuvent changer un peu l’aspect de la peau. Ils n’empêchent pas la cellulite d’apparaître et ne la font pas disparaître.",
    },
  },

  callout {
    style = "info",
    title = {
      en = "Doing nothing is an option",
      ar = "عدم العلاج خيار ممكن",
      fr = "Ne rien faire est une option",
    },
    text = {
      en = "Cellulite is normal and harmless. You do not need to treat it, and choosing not to is a good choice too.",
      ar = "السيلوليت أمر طبيعي وغير ضار. لست مضطرًا إلى علاجه، واختيار عدم علاجه قرار سليم أيضًا.",
      fr = "La cellulite est normale et sans danger. Vous n’avez pas besoin de la traiter, et choisir de ne pas le faire est aussi un bon choix.",
    },
  },

  button {
    to = "home",
    label = { en = "Next: how it works", ar = "التالي: كيف يعمل", fr = "Suite : le principe" },
  },
}
