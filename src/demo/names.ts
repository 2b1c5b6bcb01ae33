import type { Rng } from './prng.ts'

/**
 * Name pools for fictional people, chosen to reflect the backgrounds of people in prison in
 * England and Wales. Any match with a real person is coincidence. ASCII only, so lower() in
 * PostgreSQL agrees with JavaScript whatever the database's collation.
 */
interface Pool {
  male: readonly string[]
  female: readonly string[]
  family: readonly string[]
}

const words = (s: string): readonly string[] => s.trim().split(/\s+/)

const BRITISH_MALE =
  words(`James John David Michael Daniel Thomas Christopher Matthew Paul Mark Andrew Ryan Lee
  Jamie Liam Connor Jordan Callum Kyle Dean Craig Shaun Wayne Darren Stephen Kevin Gary Anthony Jack Joshua Nathan
  Luke Adam Scott Ben Sam Aaron Reece Bradley Kieran Ashley Carl Steven Robert William George Harry Alfie Tyler Owen
  Rhys Gareth Dylan Ieuan Lewis Charlie Jake Mason Brandon Declan Leon Marcus Ricky Terry`)
const BRITISH_FEMALE = words(`Sarah Emma Laura Rebecca Gemma Kelly Lisa Claire Michelle Stacey Amy Jade Chloe
  Danielle Samantha Nicola Natalie Hayley Charlotte Jessica Leanne Donna Tracey Joanne Kirsty Zoe Katie Lauren Megan
  Bethan Rhian Sian Jodie Paige Shannon Courtney Toni Kerry Louise Hannah Sophie Victoria`)
const BRITISH_FAMILY =
  words(`Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson
  Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin Cooper
  Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price
  Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards
  Khan Marshall Anderson Simpson Ellis Adams Singh Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Ali
  Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens
  Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Gibson Howard Andrews Stewart Elliott Reynolds
  Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley Spencer Gill Dawson Ball Burton
  O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster
  Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter
  Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson Parry Burgess`)

const POOLS: Record<string, Pool> = {
  british: { male: BRITISH_MALE, female: BRITISH_FEMALE, family: BRITISH_FAMILY },
  irish: {
    male: words(
      'Sean Patrick Conor Ciaran Padraig Declan Eoin Niall Cathal Darragh Michael John Martin Thomas',
    ),
    female: words('Siobhan Aoife Niamh Ciara Roisin Orla Sinead Mary Bridget Kathleen Grainne'),
    family: words(`Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill Doyle McCarthy Gallagher
      Doherty Kennedy Lynch Murray Quinn Moore McLaughlin Carroll Connolly Daly Brennan Ward`),
  },
  traveller: {
    male: words('John Patrick Michael Tom Jimmy Martin Billy Johnny Henry Levi Elijah Noah Joe Dan Francis'),
    female: words('Mary Bridget Margaret Kathleen Nora Ellen Violet Shania Tiffany Chantelle'),
    family: words(
      'Ward McDonagh Joyce Maughan Connors Delaney Smith Price Lee Boswell Doran Stokes Cash Purcell',
    ),
  },
  eastern_european: {
    male: words(`Piotr Tomasz Krzysztof Marcin Pawel Lukasz Andrzej Mariusz Dariusz Adrian Ionut Andrei Florin
      Bogdan Mihai Gheorghe Vasile Marius Tomas Mantas Darius Arturas Aleksandr Dmitri Jan Martin Petr Arben Ermal`),
    female: words(
      'Anna Katarzyna Magdalena Agnieszka Joanna Monika Ioana Elena Maria Andreea Ruta Egle Irina Olena',
    ),
    family:
      words(`Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Dabrowski
      Popescu Ionescu Stan Dumitru Radu Munteanu Kazlauskas Petrauskas Jankauskas Balciunas Ivanov Horvath Novak
      Kolar Hoxha Krasniqi Berisha Gashi Shehu`),
  },
  roma: {
    male: words('Marian Stefan Milan Jozef Ladislav Nicolae Costel Ion Daniel Robert'),
    female: words('Maria Elena Simona Denisa Veronika Monika'),
    family: words('Lakatos Horvath Balog Kolompar Rostas Stoica Dinu Gabor Sarkozi Mirga'),
  },
  caribbean: {
    male: words(`Marcus Jermaine Tyrone Leon Andre Dwayne Delroy Winston Junior Kemar Omari Devon Shane Tyler
      Jaden Kyle Troy Carlton Everton Nathaniel Rashid Isaiah Joel`),
    female: words(
      'Shanice Tanisha Kezia Jasmine Aaliyah Simone Monique Marcia Keisha Chantelle Natasha Abigail',
    ),
    family:
      words(`Campbell Brown Williams Clarke Francis Grant Thomas Johnson Morgan Reid Bailey Edwards Henry
      Graham Stewart Walker Robinson Lewis Gordon Barrett Powell Allen Richards Spencer Bennett Douglas`),
  },
  african: {
    male: words(`Mohamed Abdi Ahmed Ibrahim Yusuf Tunde Oluwaseun Chinedu Emeka Kwame Kofi Samuel Daniel Emmanuel
      David Jamal Hamza Ayodele Tobi Segun Abdullahi Mustafa Dawit Tesfay Yonas`),
    female: words(
      'Amina Fatima Hodan Blessing Chioma Ngozi Grace Esther Adaeze Funmi Ayan Sahra Mercy Abena',
    ),
    family: words(`Mohamed Abdi Hassan Ali Osman Warsame Okafor Okonkwo Adeyemi Oyelaran Adebayo Mensah Owusu
      Boateng Asante Danso Kamara Conteh Bangura Tesfaye Haile Gebre Mwangi Otieno Ndlovu Okoro Eze Bello`),
  },
  pakistani: {
    male: words(
      'Mohammed Ali Imran Adnan Bilal Usman Zain Hamza Tariq Asif Kamran Nadeem Shahid Waqas Faisal Arslan',
    ),
    female: words('Ayesha Sana Fatima Maryam Saima Nadia Rubina Shazia Amna Hira'),
    family: words(
      'Khan Hussain Ahmed Iqbal Akhtar Mahmood Butt Raja Malik Rashid Shah Aslam Javed Bashir Mirza',
    ),
  },
  indian: {
    male: words(
      'Rajesh Sunil Amit Vikram Harjit Gurpreet Sandeep Manjit Ravi Arjun Kiran Jaswinder Sanjay Rohit',
    ),
    female: words('Priya Sunita Anjali Harpreet Manpreet Kavita Neha Pooja Simran Rupinder'),
    family: words(
      'Patel Singh Sharma Gill Sandhu Sidhu Dhillon Mistry Chauhan Joshi Kumar Parmar Bains Sohal',
    ),
  },
  bangladeshi: {
    male: words('Abdul Mohammed Shahid Rahim Jamal Sohel Rubel Shamim Anwar Kamal Habib Rashed Faruk Nazrul'),
    female: words('Nasima Rehana Shirin Fatema Salma Jahanara Rupa Shapla Sumaiya'),
    family: words('Miah Uddin Rahman Ahmed Islam Hoque Ali Chowdhury Hossain Karim Alam'),
  },
  chinese: {
    male: words('Wei Jian Ming Hao Jun Kai Lei Tao Kevin Jason Michael Eric'),
    female: words('Mei Li Xin Ying Hui Jenny Grace Lily'),
    family: words('Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Lin Wong Cheung Chan Ng Lau'),
  },
  other_asian: {
    male: words('Nguyen Minh Duc Tuan Thanh Nimal Suresh Kasun Ramesh Jose Mark Ahmad Farid Haroon'),
    female: words('Lan Huong Thu Dilani Nirosha Maria Angela Shabnam'),
    family: words(
      'Nguyen Tran Le Pham Hoang Perera Fernando Silva Jayasuriya Santos Reyes Popal Ahmadzai Karimi',
    ),
  },
  arab: {
    male: words('Ahmed Mohammed Omar Khalid Youssef Karim Hassan Mahmoud Tarek Samir Walid Ziad Rami Bilal'),
    female: words('Fatima Layla Noor Yasmin Hana Rania Mariam Salma Dina'),
    family: words(
      'Al-Hassan Haddad Mansour Saleh Nasser Khalil Ibrahim Aziz Hamdan Farouk Abboud Said Jaber Darwish',
    ),
  },
  other: {
    male: words(
      'Mehmet Ali Mustafa Emre Hasan Kawa Rebwar Dilshad Carlos Diego Luis Juan Ahmad Reza Arash Babak',
    ),
    female: words('Ayse Zeynep Elif Sirwan Gulistan Maria Lucia Camila Leila Parisa'),
    family: words(
      'Yilmaz Kaya Demir Sahin Celik Ahmadi Hosseini Rahimi Mohammadi Rodriguez Garcia Lopez Gomez',
    ),
  },
}

/** Which pools a person of each ONS 2021 ethnic group draws their names from. */
const POOLS_BY_ETHNIC_GROUP: Record<string, readonly string[]> = {
  W1: ['british'],
  W2: ['irish', 'irish', 'british'],
  W3: ['traveller'],
  W5: ['roma'],
  W9: ['eastern_european', 'eastern_european', 'british'],
  B1: ['caribbean'],
  B2: ['african'],
  B9: ['caribbean', 'african'],
  M1: ['caribbean', 'british'],
  M2: ['african', 'british'],
  M3: ['british', 'pakistani', 'indian'],
  M9: ['british', 'caribbean', 'other'],
  A1: ['indian'],
  A2: ['pakistani'],
  A3: ['bangladeshi'],
  A4: ['chinese'],
  A9: ['other_asian'],
  O2: ['arab'],
  O9: ['other', 'arab'],
}

export function personName(
  rng: Rng,
  ethnicGroup: string | null,
  sex: 'male' | 'female',
): { given: string; family: string } {
  const poolNames = (ethnicGroup ? POOLS_BY_ETHNIC_GROUP[ethnicGroup] : undefined) ?? ['british']
  const pool = POOLS[rng.pick(poolNames)] ?? POOLS.british
  if (!pool) throw new Error('name pools are missing')
  // Children of mixed heritage often carry either parent's family name.
  const familyPool = POOLS[rng.pick(poolNames)] ?? pool
  return { given: rng.pick(sex === 'male' ? pool.male : pool.female), family: rng.pick(familyPool.family) }
}
