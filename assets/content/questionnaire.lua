-- The symptom questionnaire patients fill in on the kiosk at each visit,
-- about the time since their last session. It is modelled on PRO-CTCAE
-- (the US National Cancer Institute's patient-reported side-effect
-- questions): the same recall, the same answer scales, and the exact
-- wording of those scales.
--
-- The file has four parts, in this order (a name must be written above
-- the line that uses it):
--   questionnaire { ... }   the title, the recall, the body picture, the area names
--   scale "id" { ... }      the answers a question offers, scored by position
--   item "id" { ... }       the questions, in the order they are asked
--   red_flag "id" { ... }   which answers show a full-screen "tell the staff" message
-- Item ids are stable: reports are stored by them. Change the words of a
-- question freely, but do not rename its id. See README.md in this folder,
-- "Symptom questionnaire".

questionnaire {
  title = { en = "Your symptoms", ar = "أعراضك", fr = "Vos symptômes" },
  recall = {
    en = "Since your last session",
    ar = "منذ جلستك الأخيرة",
    fr = "Depuis votre dernière séance",
  },
  -- The picture patients tap to show where they had injections.
  body_image = "images/body-outline.svg",
  areas = {
    thighs = { en = "Thighs", ar = "الفخذان", fr = "Cuisses" },
    buttocks = { en = "Buttocks", ar = "الأرداف", fr = "Fesses" },
    abdomen = { en = "Tummy", ar = "البطن", fr = "Ventre" },
    arms = { en = "Upper arms", ar = "أعلى الذراعين", fr = "Haut des bras" },
    other = { en = "Somewhere else", ar = "مكان آخر", fr = "Ailleurs" },
  },
}

-- Scales. The English words of "severity", "frequency", "interference"
-- and "yesno" are the PRO-CTCAE wording and must stay exactly as they are.
-- Five options score 0 to 4; "No" scores 0 and "Yes" scores 4.

scale "severity" {
  { en = "None", ar = "لا يوجد", fr = "Aucune" },
  { en = "Mild", ar = "خفيف", fr = "Légère" },
  { en = "Moderate", ar = "متوسط", fr = "Modérée" },
  { en = "Severe", ar = "شديد", fr = "Sévère" },
  { en = "Very severe", ar = "شديد جدًا", fr = "Très sévère" },
}

-- Not used by a question yet: here so new questions can use them.
scale "frequency" {
  { en = "Never", ar = "أبدًا", fr = "Jamais" },
  { en = "Rarely", ar = "نادرًا", fr = "Rarement" },
  { en = "Occasionally", ar = "أحيانًا", fr = "Occasionnellement" },
  { en = "Frequently", ar = "كثيرًا", fr = "Fréquemment" },
  { en = "Almost constantly", ar = "بشكل شبه دائم", fr = "Presque constamment" },
}

scale "interference" {
  { en = "Not at all", ar = "إطلاقًا", fr = "Pas du tout" },
  { en = "A little bit", ar = "قليلًا", fr = "Un peu" },
  { en = "Somewhat", ar = "إلى حد ما", fr = "Moyennement" },
  { en = "Quite a bit", ar = "كثيرًا", fr = "Beaucoup" },
  { en = "Very much", ar = "كثيرًا جدًا", fr = "Énormément" },
}

scale "yesno" {
  { en = "No", ar = "لا", fr = "Non" },
  { en = "Yes", ar = "نعم", fr = "Oui" },
}

-- Our own scale (not PRO-CTCAE): scored 0 (less than a day) to 4.
scale "duration" {
  { en = "Less than a day", ar = "أقل من يوم", fr = "Moins d’un jour" },
  { en = "1 to 2 days", ar = "يوم أو يومان", fr = "1 à 2 jours" },
  { en = "3 to 6 days", ar = "من 3 إلى 6 أيام", fr = "3 à 6 jours" },
  { en = "1 to 2 weeks", ar = "أسبوع أو أسبوعان", fr = "1 à 2 semaines" },
  { en = "More than 2 weeks", ar = "أكثر من أسبوعين", fr = "Plus de 2 semaines" },
}

-- Questions, in the order they are asked. The most urgent comes first, so
-- it is answered even by someone called in before the end. Every question
-- is asked whatever areas were marked (no `areas` line).

item "breathing" {
  scale = "yesno", custom = true,
  text = {
    en = "Have you had swelling of the face or lips, or trouble breathing?",
    ar = "هل حدث لديك تورّم في الوجه أو الشفتين، أو صعوبة في التنفس؟",
    fr = "Avez-vous eu un gonflement du visage ou des lèvres, ou du mal à respirer ?",
  },
  short = { en = "Face, lips or breathing", ar = "الوجه أو الشفتان أو التنفس", fr = "Visage, lèvres ou respiration" },
}

item "pain" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was the pain where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة الألم في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité de la douleur aux endroits des injections ?",
  },
  short = { en = "Pain", ar = "الألم", fr = "Douleur" },
}

item "duration" {
  scale = "duration", custom = true,
  show_if = { pain = 1 }, -- only asked if there was some pain
  text = {
    en = "How long did the pain last?",
    ar = "كم استمر الألم؟",
    fr = "Combien de temps la douleur a-t-elle duré ?",
  },
  short = { en = "How long the pain lasted", ar = "مدة الألم", fr = "Durée de la douleur" },
}

item "swelling" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any swelling or redness where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة التورّم أو الاحمرار في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité du gonflement ou de la rougeur aux endroits des injections ?",
  },
  short = { en = "Swelling or redness", ar = "التورّم أو الاحمرار", fr = "Gonflement ou rougeur" },
}

item "bruising" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any bruising where you had injections?",
    ar = "في أسوأ حالاتها، ما مدى شدة الكدمات في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité des bleus aux endroits des injections ?",
  },
  short = { en = "Bruising", ar = "الكدمات", fr = "Bleus" },
}

item "itching" {
  scale = "severity",
  text = {
    en = "At its worst, how bad was any itching of your skin?",
    ar = "في أسوأ حالاتها، ما مدى شدة الحكة في جلدك؟",
    fr = "Au pire moment, quelle a été l’intensité des démangeaisons de votre peau ?",
  },
  short = { en = "Itching", ar = "الحكة", fr = "Démangeaisons" },
}

item "burning" {
  scale = "severity", custom = true,
  text = {
    en = "At its worst, how bad was any burning feeling where you had injections?",
    ar = "في أسوأ حالاته، ما مدى شدة الإحساس بالحرقة في أماكن الحقن؟",
    fr = "Au pire moment, quelle a été l’intensité de la sensation de brûlure aux endroits des injections ?",
  },
  short = { en = "Burning", ar = "الحرقة", fr = "Brûlure" },
}

item "rash" {
  scale = "yesno",
  text = {
    en = "Have you had a rash, or hives (raised, itchy bumps)?",
    ar = "هل ظهر لديك طفح جلدي، أو شرى (بقع بارزة مثيرة للحكة)؟",
    fr = "Avez-vous eu une éruption, ou de l’urticaire (des plaques en relief qui démangent) ?",
  },
  short = { en = "Rash or hives", ar = "طفح جلدي أو شرى", fr = "Éruption ou urticaire" },
}

item "lumps" {
  scale = "yesno", custom = true,
  text = {
    en = "Have you noticed lumps or hard spots under the skin where you had injections?",
    ar = "هل لاحظت كتلًا أو عقيدات صلبة تحت الجلد في أماكن الحقن؟",
    fr = "Avez-vous remarqué des boules ou des zones dures sous la peau aux endroits des injections ?",
  },
  short = { en = "Lumps under the skin", ar = "كتل تحت الجلد", fr = "Boules sous la peau" },
}

item "darkening" {
  scale = "yesno",
  text = {
    en = "Has your skin become darker in places where you had injections?",
    ar = "هل أصبح لون جلدك أغمق في أماكن الحقن؟",
    fr = "Votre peau est-elle devenue plus foncée aux endroits des injections ?",
  },
  short = { en = "Darker skin", ar = "جلد أغمق", fr = "Peau plus foncée" },
}

item "pus" {
  scale = "yesno", custom = true,
  text = {
    en = "Has pus or other fluid come out of a place where you had an injection?",
    ar = "هل خرج صديد أو سائل آخر من أحد أماكن الحقن؟",
    fr = "Du pus ou un autre liquide est-il sorti d’un endroit où vous avez eu une injection ?",
  },
  short = { en = "Pus or fluid", ar = "صديد أو سائل", fr = "Pus ou écoulement" },
}

item "worsening" {
  scale = "yesno", custom = true,
  text = {
    en = "Is redness or pain getting worse rather than better?",
    ar = "هل يزداد الاحمرار أو الألم سوءًا بدلًا من أن يتحسن؟",
    fr = "Une rougeur ou une douleur s’aggrave-t-elle au lieu de s’améliorer ?",
  },
  short = { en = "Getting worse", ar = "يزداد سوءًا", fr = "S’aggrave" },
}

item "fever" {
  scale = "yesno", custom = true,
  text = {
    en = "Have you had a fever, or felt generally unwell?",
    ar = "هل أصبت بحمى، أو شعرت بتوعك عام؟",
    fr = "Avez-vous eu de la fièvre, ou vous êtes-vous senti(e) mal en général ?",
  },
  short = { en = "Fever or unwell", ar = "حمى أو توعك", fr = "Fièvre ou malaise" },
}

-- Red flags. `when` gives each question's lowest score that counts (a
-- "Yes" is 4, "Severe" is 3); all of them must hold. When several flags
-- hold, an "emergency" one wins over "call", then the first in this file.
-- The patient is in the waiting room, so "call" flags ask them to tell the
-- front desk before their session.

red_flag "breathing" {
  level = "emergency",
  when = { breathing = 4 },
  title = {
    en = "Please tell the front desk now",
    ar = "يرجى إبلاغ مكتب الاستقبال الآن",
    fr = "Merci de prévenir l’accueil maintenant",
  },
  message = {
    en = "Swelling of the face or lips, or trouble breathing, needs to be seen straight away. Tell a member of staff now. If it gets worse, call emergency services.",
    ar = "تورّم الوجه أو الشفتين، أو صعوبة التنفس، يحتاج إلى فحص فوري. أخبر أحد الموظفين الآن. وإذا ازداد سوءًا، فاتصل بالإسعاف.",
    fr = "Un gonflement du visage ou des lèvres, ou du mal à respirer, doit être vu tout de suite. Prévenez un membre du personnel maintenant. Si cela s’aggrave, appelez les urgences.",
  },
}

red_flag "fever" {
  level = "call",
  when = { fever = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said you have had a fever or felt unwell. Your clinician would like to check on you before any treatment.",
    ar = "ذكرت أنك أصبت بحمى أو شعرت بتوعك. يود طبيبك أن يطمئن عليك قبل أي علاج.",
    fr = "Vous avez indiqué avoir eu de la fièvre ou vous être senti(e) mal. Votre praticien souhaite vous examiner avant tout traitement.",
  },
}

red_flag "pus" {
  level = "call",
  when = { pus = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said pus or fluid came out where you had an injection. Your clinician would like to look at it before any treatment.",
    ar = "ذكرت أن صديدًا أو سائلًا خرج من مكان الحقن. يود طبيبك أن يفحصه قبل أي علاج.",
    fr = "Vous avez indiqué que du pus ou un liquide est sorti d’un endroit d’injection. Votre praticien souhaite le voir avant tout traitement.",
  },
}

red_flag "worsening" {
  level = "call",
  when = { worsening = 4 },
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said redness or pain is getting worse. Your clinician would like to look at it before any treatment.",
    ar = "ذكرت أن الاحمرار أو الألم يزداد سوءًا. يود طبيبك أن يفحصه قبل أي علاج.",
    fr = "Vous avez indiqué qu’une rougeur ou une douleur s’aggrave. Votre praticien souhaite la voir avant tout traitement.",
  },
}

red_flag "severe-pain" {
  level = "call",
  when = { pain = 3 }, -- Severe or Very severe
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said the pain was severe. Your clinician would like to talk with you about it before any treatment.",
    ar = "ذكرت أن الألم كان شديدًا. يود طبيبك أن يتحدث معك عنه قبل أي علاج.",
    fr = "Vous avez indiqué une douleur sévère. Votre praticien souhaite en parler avec vous avant tout traitement.",
  },
}

red_flag "severe-swelling" {
  level = "call",
  when = { swelling = 3 }, -- Severe or Very severe
  title = {
    en = "Please tell the front desk before your session",
    ar = "يرجى إبلاغ مكتب الاستقبال قبل جلستك",
    fr = "Merci de prévenir l’accueil avant votre séance",
  },
  message = {
    en = "You said the swelling or redness was severe. Your clinician would like to look at it before any treatment.",
    ar = "ذكرت أن التورّم أو الاحمرار كان شديدًا. يود طبيبك أن يفحصه قبل أي علاج.",
    fr = "Vous avez indiqué un gonflement ou une rougeur sévère. Votre praticien souhaite le voir avant tout traitement.",
  },
}
