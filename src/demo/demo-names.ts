/** Given names from the countries the demo covers; plain ASCII and a few accents. */
export const DEMO_FIRST_NAMES: readonly string[] = (
  'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan ' +
  'Joseph Jessica Thomas Sarah Chris Karen Daniel Lisa Matthew Nancy Anthony Emily Mark Ashley Steven ' +
  'Michelle Paul Amanda Andrew Melissa Josh Laura Kevin Rachel Brian Megan Jason Olivia Ryan Emma Eric ' +
  'Sophie Lukas Anna Jonas Lea Felix Hannah Maximilian Julia Jan Katrin Stefan Sabine Jürgen Léa Hugo ' +
  'Camille Louis Chloé Mathieu Élodie Antoine Manon Pierre Inès Priya Rahul Ananya Arjun Sneha Vikram ' +
  'Deepika Rohan Aditi Sanjay João Maria Pedro Ana Lucas Beatriz Gabriel Juliana Rafael Fernanda Liam ' +
  'Noah Charlotte Oliver Amelia Jack Isla Harry Grace Wei Mei Hiroshi Yuki Min-jun Seo-yeon Ahmed Fatima ' +
  'Omar Aisha Carlos Sofia Diego Valentina Alejandro Lucía Kwame Ama Chloe Zoe Sean Siobhan'
).split(' ');

/** Family names, mixed origins. */
export const DEMO_LAST_NAMES: readonly string[] = (
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez ' +
  'Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark ' +
  'Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams ' +
  'Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Müller Schmidt Schneider Fischer Weber ' +
  'Meyer Wagner Becker Schulz Hoffmann Dubois Moreau Laurent Lefèvre Bernard Girard Fontaine Mercier ' +
  'Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Silva Santos Oliveira Souza Costa Pereira Almeida ' +
  "O'Brien Murphy Kelly Walsh Chen Wang Li Zhang Tanaka Sato Kim Park Khan Ali Okafor Mensah " +
  'van der Berg de Vries Jansen Novak Kowalski Rossi Russo Ferrari Andersson Johansson Nielsen'
)
  .replace('van der Berg', 'van_der_Berg')
  .replace('de Vries', 'de_Vries')
  .split(' ')
  .map((name) => name.replace(/_/g, ' '));

/** First halves of invented company names. */
export const DEMO_COMPANY_HEADS: readonly string[] = (
  'Bright Blue Red Green Silver Golden Iron Stone North South East West Sun Moon Star Sky Cloud River ' +
  'Lake Ocean Pine Oak Maple Cedar Birch Swift Quick Clear True Bold Prime Peak Summit Apex Core Nova ' +
  'Astra Terra Aqua Vita Luma Orbi Flux Zen Kin Omni Hyper Meta Ultra Vertex Pixel Data Signal Quantum ' +
  'Rocket Falcon Eagle Hawk Fox Wolf Bear Lion Tiger Otter Raven Harbor Bridge Tower Castle Forge Anchor ' +
  'Beacon Compass Atlas Vector Matrix Cobalt Copper Amber Jade Ruby Onyx Coral Ember Frost Storm Thunder ' +
  'Wave Spark Pulse Echo Blaze Glow Shift Loop Path Trail Canyon Mesa Ridge Delta Sigma Alpha Gamma Kappa ' +
  'Lumen Solar Polar Tidal Urban Metro Civic Noble Loyal Happy Lucky Brave Wise Keen Agile Nimble Steady'
).split(' ');

/** Second halves of invented company names. */
export const DEMO_COMPANY_TAILS: readonly string[] = (
  'forge works labs ly ify io stack base hub point line field gate wise scale wave path leaf bit byte ' +
  'flow sync mind logic soft ware cast craft mark shift spring side view tree well wing yard zone dock ' +
  'grid nest port rise rock root seed sense ship source sphere star stone tide track vault verse metrics ' +
  'pilot quest ray ridge lane loop lab kit hive hq desk deck cloud cart box bay beam bloom bolt bridge'
).split(' ');

/** Words sometimes written after the name; some become part of the domain. */
export const DEMO_COMPANY_SUFFIXES: readonly string[] = [
  'Inc.',
  'LLC',
  'Ltd',
  'GmbH',
  'SAS',
  'Ltda.',
  'Pvt Ltd',
  'Pty Ltd',
  'Corp.',
  'Group',
  'Technologies',
  'Systems',
  'Analytics',
  'Health',
  'Capital',
  'Software',
  'Solutions',
];

/** Universities student leads write from; invented, with an .edu-style domain. */
export const DEMO_UNIVERSITIES: readonly (readonly [name: string, domain: string])[] = [
  ['Westbrook University', 'westbrook.edu'],
  ['Eastlake State University', 'eastlakestate.edu'],
  ['Northfield College', 'northfield.edu'],
  ['Pinecrest Institute of Technology', 'pinecrest.edu'],
  ['University of Lakemont', 'lakemont.ac.uk'],
  ['Rivervale Business School', 'rivervale.edu'],
  ['Hochschule Altstadt', 'hs-altstadt.de'],
  ['Instituto Serra Azul', 'serraazul.edu.br'],
  ['Ganga Valley Institute of Management', 'gvim.ac.in'],
];
