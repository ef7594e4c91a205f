-- Course plans: the usual courses by cellulite grade and body area, which
-- staff start a patient's course from. They follow the "How many sessions?"
-- page (pages/31-sessions.lua); if you change the numbers there, change
-- them here too. The clinician adjusts each patient's plan at enrolment.
--
-- Each plan gives:
--   name           what staff see in the list, in every language
--   area           "thighs", "buttocks", "abdomen", "arms" or "other"
--   grade          1, 2 or 3
--   sessions       how many sessions are planned (1 to 40)
--   interval_days  days between sessions (7 to 30)
--   note           optional: a short explanation, in every language
-- See README.md in this folder, "Course plans".
--
-- There are no grade 1 plans: the clinical review removed the yearly
-- "preventive" session, because no good evidence shows that sessions keep
-- mild cellulite from getting worse. Do not add them back without a source.

-- Thighs

course_plan "thighs-grade2" {
  name = {
    en = "Thighs, grade 2: 12 sessions, once a week",
    ar = "الفخذان، الدرجة 2: 12 جلسة، مرة كل أسبوع",
    fr = "Cuisses, stade 2 : 12 séances, une par semaine",
  },
  area = "thighs", grade = 2, sessions = 12, interval_days = 7,
  note = {
    en = "Often 10 to 15 sessions, once a week or once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "غالبًا من 10 إلى 15 جلسة، مرة كل أسبوع أو مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Souvent 10 à 15 séances, une fois par semaine ou toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "thighs-grade2-short" {
  name = {
    en = "Thighs, grade 2, mild: 4 sessions",
    ar = "الفخذان، الدرجة 2، حالة خفيفة: 4 جلسات",
    fr = "Cuisses, stade 2, forme légère : 4 séances",
  },
  area = "thighs", grade = 2, sessions = 4, interval_days = 14,
  note = {
    en = "For milder cases: some people need only 3 to 5 sessions, once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "للحالات الأخف: يكفي بعض الناس من 3 إلى 5 جلسات، مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Pour les formes plus légères : certaines personnes n’ont besoin que de 3 à 5 séances, toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "thighs-grade3" {
  name = {
    en = "Thighs, grade 3: 20 sessions, once a week",
    ar = "الفخذان، الدرجة 3: 20 جلسة، مرة كل أسبوع",
    fr = "Cuisses, stade 3 : 20 séances, une par semaine",
  },
  area = "thighs", grade = 3, sessions = 20, interval_days = 7,
  note = {
    en = "Harder to predict: often 20 sessions or more, once a week. Your doctor or nurse adjusts this plan to you.",
    ar = "يصعب التنبؤ بها: غالبًا 20 جلسة أو أكثر، مرة كل أسبوع. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Plus difficile à prévoir : souvent 20 séances ou plus, une fois par semaine. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

-- Buttocks

course_plan "buttocks-grade2" {
  name = {
    en = "Buttocks, grade 2: 12 sessions, once a week",
    ar = "الأرداف، الدرجة 2: 12 جلسة، مرة كل أسبوع",
    fr = "Fesses, stade 2 : 12 séances, une par semaine",
  },
  area = "buttocks", grade = 2, sessions = 12, interval_days = 7,
  note = {
    en = "Often 10 to 15 sessions, once a week or once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "غالبًا من 10 إلى 15 جلسة، مرة كل أسبوع أو مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Souvent 10 à 15 séances, une fois par semaine ou toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "buttocks-grade2-short" {
  name = {
    en = "Buttocks, grade 2, mild: 4 sessions",
    ar = "الأرداف، الدرجة 2، حالة خفيفة: 4 جلسات",
    fr = "Fesses, stade 2, forme légère : 4 séances",
  },
  area = "buttocks", grade = 2, sessions = 4, interval_days = 14,
  note = {
    en = "For milder cases: some people need only 3 to 5 sessions, once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "للحالات الأخف: يكفي بعض الناس من 3 إلى 5 جلسات، مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Pour les formes plus légères : certaines personnes n’ont besoin que de 3 à 5 séances, toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "buttocks-grade3" {
  name = {
    en = "Buttocks, grade 3: 20 sessions, once a week",
    ar = "الأرداف، الدرجة 3: 20 جلسة، مرة كل أسبوع",
    fr = "Fesses, stade 3 : 20 séances, une par semaine",
  },
  area = "buttocks", grade = 3, sessions = 20, interval_days = 7,
  note = {
    en = "Harder to predict: often 20 sessions or more, once a week. Your doctor or nurse adjusts this plan to you.",
    ar = "يصعب التنبؤ بها: غالبًا 20 جلسة أو أكثر، مرة كل أسبوع. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Plus difficile à prévoir : souvent 20 séances ou plus, une fois par semaine. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

-- Abdomen

course_plan "abdomen-grade2" {
  name = {
    en = "Abdomen, grade 2: 12 sessions, once a week",
    ar = "البطن، الدرجة 2: 12 جلسة، مرة كل أسبوع",
    fr = "Ventre, stade 2 : 12 séances, une par semaine",
  },
  area = "abdomen", grade = 2, sessions = 12, interval_days = 7,
  note = {
    en = "Often 10 to 15 sessions, once a week or once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "غالبًا من 10 إلى 15 جلسة، مرة كل أسبوع أو مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Souvent 10 à 15 séances, une fois par semaine ou toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "abdomen-grade2-short" {
  name = {
    en = "Abdomen, grade 2, mild: 4 sessions",
    ar = "البطن، الدرجة 2، حالة خفيفة: 4 جلسات",
    fr = "Ventre, stade 2, forme légère : 4 séances",
  },
  area = "abdomen", grade = 2, sessions = 4, interval_days = 14,
  note = {
    en = "For milder cases: some people need only 3 to 5 sessions, once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "للحالات الأخف: يكفي بعض الناس من 3 إلى 5 جلسات، مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Pour les formes plus légères : certaines personnes n’ont besoin que de 3 à 5 séances, toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "abdomen-grade3" {
  name = {
    en = "Abdomen, grade 3: 20 sessions, once a week",
    ar = "البطن، الدرجة 3: 20 جلسة، مرة كل أسبوع",
    fr = "Ventre, stade 3 : 20 séances, une par semaine",
  },
  area = "abdomen", grade = 3, sessions = 20, interval_days = 7,
  note = {
    en = "Harder to predict: often 20 sessions or more, once a week. Your doctor or nurse adjusts this plan to you.",
    ar = "يصعب التنبؤ بها: غالبًا 20 جلسة أو أكثر، مرة كل أسبوع. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Plus difficile à prévoir : souvent 20 séances ou plus, une fois par semaine. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

-- Upper arms

course_plan "arms-grade2" {
  name = {
    en = "Upper arms, grade 2: 12 sessions, once a week",
    ar = "الذراعان، الدرجة 2: 12 جلسة، مرة كل أسبوع",
    fr = "Bras, stade 2 : 12 séances, une par semaine",
  },
  area = "arms", grade = 2, sessions = 12, interval_days = 7,
  note = {
    en = "Often 10 to 15 sessions, once a week or once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "غالبًا من 10 إلى 15 جلسة، مرة كل أسبوع أو مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Souvent 10 à 15 séances, une fois par semaine ou toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "arms-grade2-short" {
  name = {
    en = "Upper arms, grade 2, mild: 4 sessions",
    ar = "الذراعان، الدرجة 2، حالة خفيفة: 4 جلسات",
    fr = "Bras, stade 2, forme légère : 4 séances",
  },
  area = "arms", grade = 2, sessions = 4, interval_days = 14,
  note = {
    en = "For milder cases: some people need only 3 to 5 sessions, once every two weeks. Your doctor or nurse adjusts this plan to you.",
    ar = "للحالات الأخف: يكفي بعض الناس من 3 إلى 5 جلسات، مرة كل أسبوعين. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Pour les formes plus légères : certaines personnes n’ont besoin que de 3 à 5 séances, toutes les deux semaines. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}

course_plan "arms-grade3" {
  name = {
    en = "Upper arms, grade 3: 20 sessions, once a week",
    ar = "الذراعان، الدرجة 3: 20 جلسة، مرة كل أسبوع",
    fr = "Bras, stade 3 : 20 séances, une par semaine",
  },
  area = "arms", grade = 3, sessions = 20, interval_days = 7,
  note = {
    en = "Harder to predict: often 20 sessions or more, once a week. Your doctor or nurse adjusts this plan to you.",
    ar = "يصعب التنبؤ بها: غالبًا 20 جلسة أو أكثر، مرة كل أسبوع. يعدّل الطبيب أو الممرض هذه الخطة بما يناسبك.",
    fr = "Plus difficile à prévoir : souvent 20 séances ou plus, une fois par semaine. Votre médecin ou infirmier/infirmière adapte ce plan à votre cas.",
  },
}
