const FIRST = ['Ana', 'Bruno', 'Carla', 'Daniel', 'Elena', 'Fabio', 'Gabriela', 'Hugo', 'Isabel', 'João', 'Karen', 'Lucas', 'Mariana', 'Nuno', 'Olivia', 'Pedro', 'Quentin', 'Rafaela', 'Sofia', 'Tiago', 'Ursula', 'Vitor', 'Wanda', 'Xavier', 'Yara', 'Zeca', 'Maria', 'José', 'Marcos', 'Juliana', 'Miguel', 'Laura', 'Mateus', 'Beatriz', 'Rodrigo', 'Camila', 'André', 'Patrícia', 'Ricardo', 'Fernanda', 'Emma', 'Liam', 'Noah', 'Mia', 'James', 'Amelia', 'Oliver', 'Charlotte', 'Henry', 'Harper', 'Marian', 'Johnson', 'Mohammed', 'Priya', 'Wei', 'Yuki', 'Sven', 'Ingrid', 'Pablo', 'Lucía'];
const LAST = ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes', 'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa', 'Rocha', 'Dias', 'Nascimento', 'Andrade', 'Moreira', 'Nunes', 'Marques', 'Machado', 'Mendes', 'Freitas', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Kumar', 'Chen', 'Tanaka', 'Müller', 'Schmidt', 'Dubois', 'Rossi', 'Novak', 'Kowalski', 'Johansson'];
const TEAMS = ['Platform', 'Payments', 'Security', 'Data', 'Mobile', 'Web', 'Infra', 'SRE', 'Billing', 'Identity', 'Growth', 'Support', 'Sales', 'Finance', 'Legal', 'Design', 'Research', 'Analytics', 'QA', 'Release'];
const KINDS = ['team', 'on-call', 'admins', 'readers', 'reviewers', 'guild', 'squad', 'leads', 'contractors', 'interns'];
const DOMAINS = ['acme.com', 'acme.com.br', 'acme.io', 'corp.acme.com'];

const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** The n-th of a deterministic population of realistic colleagues (names repeat, usernames never do). */
export function person(n: number) {
  const first = FIRST[n % FIRST.length]!;
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
  const suffix = Math.floor(n / (FIRST.length * LAST.length));
  const username = `${strip(first)}.${strip(last)}${suffix ? suffix : ''}`;
  return { name: `${first} ${last}`, username, email: `${username}@${DOMAINS[n % DOMAINS.length]}` };
}

/** The n-th group name: "Payments on-call 12". */
export function groupName(n: number) {
  return `${TEAMS[n % TEAMS.length]} ${KINDS[Math.floor(n / TEAMS.length) % KINDS.length]} ${Math.floor(n / (TEAMS.length * KINDS.length)) + 1}`;
}
