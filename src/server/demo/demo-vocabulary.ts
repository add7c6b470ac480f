// Words the demo account builds names from, in the three languages of the product (en, es, pt).
// Accents are deliberate: search, sorting and CSV export must cope with them.

export type DemoLanguage = 'en' | 'es' | 'pt';
export const DEMO_LANGUAGES: readonly DemoLanguage[] = ['en', 'es', 'pt'];

export const FIRST_NAMES: Record<DemoLanguage, readonly string[]> = {
  en: ['James', 'Emily', 'Michael', 'Olivia', 'Daniel', 'Sophia', 'Ethan', 'Grace', 'Ryan', 'Chloe', 'Nathan', 'Hannah'],
  es: ['Javier', 'Lucía', 'Alejandro', 'María José', 'Sergio', 'Valentina', 'Andrés', 'Camila', 'Raúl', 'Sofía', 'Ignacio', 'Elena'],
  pt: ['João', 'Ana Luíza', 'Guilherme', 'Mariana', 'Luís', 'Beatriz', 'Thiago', 'Letícia', 'Rafael', 'Gabriela', 'André', 'Conceição'],
};

export const LAST_NAMES: Record<DemoLanguage, readonly string[]> = {
  en: ['Smith', 'Johnson', 'Walker', 'Bennett', 'Carter', 'Hughes', 'Foster', 'Reed', "O'Connor", 'Mitchell'],
  es: ['García', 'Martínez', 'Rodríguez', 'López', 'Fernández', 'Pérez', 'Gómez', 'Núñez', 'Ibáñez', 'Castillo'],
  pt: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Conceição', 'Gonçalves', 'Araújo', 'Magalhães', 'Ribeiro'],
};

export const COMPANY_HEADS: Record<DemoLanguage, readonly string[]> = {
  en: ['Acme', 'Blue River', 'Summit', 'Northwind', 'Brightside', 'Oak & Stone', 'Redwood', 'Silverline', 'Harbor', 'Pioneer'],
  es: ['Grupo', 'Distribuidora', 'Comercial', 'Inversiones', 'Constructora', 'Farmacia', 'Ferretería', 'Panadería', 'Transportes', 'Clínica'],
  pt: ['Padaria', 'Construtora', 'Distribuidora', 'Comércio', 'Farmácia', 'Transportes', 'Laticínios', 'Auto Peças', 'Clínica', 'Mercado'],
};

export const COMPANY_TAILS: Record<DemoLanguage, readonly string[]> = {
  en: ['Inc.', 'LLC', 'Group', 'Labs', 'Partners', 'Logistics', 'Foods', 'Consulting', 'Holdings', 'Studio'],
  es: ['del Sol', 'Andina', 'La Esperanza', 'Montaña Azul', 'Río Claro', 'San Martín', 'Los Álamos', 'Peñalolén', 'El Roble', 'Santa Fe'],
  pt: [
    'São João',
    'Boa Vista',
    'Estrela do Sul',
    'Araújo & Filhos',
    'Ipê Amarelo',
    'Bela Vista',
    'Maré Alta',
    'Coração de Minas',
    'Três Irmãos',
    'Pôr do Sol',
  ],
};

export const DEAL_TITLES: Record<DemoLanguage, readonly string[]> = {
  en: [
    'Annual subscription',
    'Website redesign',
    'Pilot project',
    'Enterprise license',
    'Onboarding package',
    'Support renewal',
    'Consulting hours',
    'Hardware order',
    'Marketing campaign',
    'Upgrade to Pro',
  ],
  es: [
    'Suscripción anual',
    'Rediseño del sitio web',
    'Proyecto piloto',
    'Licencia empresarial',
    'Paquete de implementación',
    'Renovación de soporte',
    'Horas de consultoría',
    'Pedido de equipos',
    'Campaña de marketing',
    'Ampliación de contrato',
  ],
  pt: [
    'Assinatura anual',
    'Redesenho do site',
    'Projeto piloto',
    'Licença corporativa',
    'Pacote de implantação',
    'Renovação de suporte',
    'Horas de consultoria',
    'Pedido de equipamentos',
    'Campanha de marketing',
    'Orçamento de instalação',
  ],
};

export const STREETS: Record<DemoLanguage, readonly string[]> = {
  en: ['742 Evergreen Terrace, Springfield', '12 Baker Street, Boston', '500 Market St, San Francisco', '88 Lake Shore Dr, Chicago'],
  es: ['Calle Mayor 14, Madrid', 'Av. Providencia 1208, Santiago', 'Paseo de la Reforma 222, CDMX', 'Carrera 7 # 71-21, Bogotá'],
  pt: ['Av. Paulista 1578, São Paulo', 'Rua das Flores 45, Curitiba', 'Av. Atlântica 1702, Rio de Janeiro', 'Rua da Bahia 1148, Belo Horizonte'],
};

export const NOTES: Record<DemoLanguage, readonly string[]> = {
  en: [
    'Asked for a discount on the second year.',
    'Needs approval from the finance team.\nCall back next week.',
    'Met at the trade fair.',
    'Prefers email over phone.',
  ],
  es: [
    'Pidió descuento para el segundo año.',
    'Necesita aprobación de finanzas.\nLlamar la próxima semana.',
    'Lo conocimos en la feria.',
    'Prefiere correo electrónico.',
  ],
  pt: [
    'Pediu desconto no segundo ano.',
    'Precisa de aprovação do financeiro.\nLigar na próxima semana.',
    'Conhecemos na feira.',
    'Prefere e-mail a telefone.',
  ],
};

export const DOMAIN_WORDS: readonly string[] = ['example', 'demo-client', 'sample', 'test-shop', 'invalid'];

export const TAG_NAMES: readonly string[] = [
  'VIP',
  'Hot',
  'Cold',
  'Follow-up',
  'Referral',
  'Webinar',
  'Trade fair',
  'Partner',
  'Urgente',
  'Renovación',
  'Cliente antiguo',
  'Indicação',
  'Retorno',
  'Orçamento',
  'Black Friday',
  'Enterprise',
  'SMB',
  'Upsell',
  'Churn risk',
  'Descuento',
  'Promoção',
  'Newsletter',
  'Inbound',
  'Outbound',
  'WhatsApp',
];

/** Kommo's tag palette (tags may also have no colour: null). */
/** Kommo sends tag colours as bare hex codes, no `#` (docs tags-api: "EBEBEB"). */
export const TAG_COLORS: readonly (string | null)[] = ['FF8F92', 'FFC8C8', '98CBFF', '87F2C0', 'FFFD7F', 'EB93FF', 'D6EAFF', null];

/** Kommo's stage palette. */
export const STAGE_COLORS: readonly string[] = [
  '#99ccff',
  '#fffeb2',
  '#fffd7f',
  '#ffff99',
  '#ffcc66',
  '#ffcccc',
  '#ff8f92',
  '#d6eaff',
  '#c1e0ff',
  '#98cbff',
  '#ebffb1',
  '#deff81',
  '#87f2c0',
  '#f9deff',
  '#f3beff',
  '#ccc8f9',
  '#eb93ff',
  '#f2f3f4',
  '#e6e8ea',
];

export const PIPELINE_NAMES: readonly string[] = ['Sales', 'Ventas LATAM', 'Vendas Brasil', 'Partners', 'Renewals'];

export const OPEN_STAGE_NAMES: readonly string[] = [
  'Initial contact',
  'Qualification',
  'Calificación',
  'Needs analysis',
  'Proposta enviada',
  'Negotiation',
  'Negociación',
  'Decision making',
  'Contrato em revisão',
  'Demo agendada',
  'Esperando pago',
];

export const LOSS_REASON_NAMES: readonly string[] = [
  'Too expensive',
  'Chose a competitor',
  'No budget',
  'Sin respuesta',
  'Não é o momento',
  'Bad timing',
  'Missing features',
];

export const GROUP_NAMES: readonly string[] = ['Main office', 'Sales São Paulo', 'Ventas Madrid', 'Sales New York', 'Customer success'];

export const PRODUCT_NAMES: readonly string[] = [
  'CRM Seat (monthly)',
  'CRM Seat (annual)',
  'Onboarding session',
  'Premium support',
  'API add-on',
  'Extra storage 100 GB',
  'Licencia Pro',
  'Licencia Enterprise',
  'Capacitación en sitio',
  'Integración WhatsApp',
  'Consultoria (hora)',
  'Pacote Implantação',
  'Licença Básica',
  'Módulo Financeiro',
  'Treinamento remoto',
  'Hardware kit',
  'Barcode scanner',
  'Thermal printer',
  'POS terminal',
  'Tablet bundle',
];

export const WAREHOUSE_NAMES: readonly string[] = [
  'Warehouse Miami',
  'Almacén Bogotá',
  'Depósito Campinas',
  'Almacén Monterrey',
  'Depósito Recife',
  'Warehouse Newark',
];
