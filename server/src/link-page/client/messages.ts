/** Every sentence of the link page, in each language the extension speaks. */
export const MESSAGES = {
  en: {
    title: 'Shared API secret',
    opening: 'Opening the link…',
    incomplete: 'This link is incomplete. Copy the whole link, including the part after “#”.',
    notFound: 'This link does not exist.',
    expired: 'This link has expired.',
    finished: 'This link has already been used the number of times allowed.',
    revoked: 'This link was revoked by the person who shared it.',
    paused: 'The person who shared this link has disabled the API secret for now. Ask them, or try again later.',
    intro: 'Someone shared an API secret with you. Opening it counts as one access.',
    codeLabel: 'Access code',
    codeHint: 'The person who shared this link gives you the access code separately.',
    open: 'Open',
    show: 'Show the API secret',
    checking: 'Checking…',
    wrongCode: 'This access code is not right. Check it and try again; a few wrong codes close the link.',
    tooMany: 'Too many attempts. Try again in a few minutes.',
    unreachable: 'The vault server could not be reached. Check your connection and try again.',
    undecryptable: 'This link could not be decrypted. Check that you copied the whole link.',
    name: 'Name',
    url: 'URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    copy: 'Copy',
    copied: 'Copied',
    remainingOne: 'This link can be opened one more time.',
    remaining: 'This link can be opened {n} more times.',
    last: 'This was the last access: the link no longer opens. Save what you need now.',
    unlimited: 'This link keeps working until it expires.',
  },
  'pt-BR': {
    title: 'Segredo de API compartilhado',
    opening: 'Abrindo o link…',
    incomplete: 'Este link está incompleto. Copie o link inteiro, incluindo a parte depois de “#”.',
    notFound: 'Este link não existe.',
    expired: 'Este link expirou.',
    finished: 'Este link já foi usado o número de vezes permitido.',
    revoked: 'Este link foi revogado por quem o compartilhou.',
    paused:
      'Quem compartilhou este link desativou o segredo de API por enquanto. Fale com essa pessoa ou tente mais tarde.',
    intro: 'Alguém compartilhou um segredo de API com você. Abri-lo conta como um acesso.',
    codeLabel: 'Código de acesso',
    codeHint: 'Quem compartilhou este link envia o código de acesso separadamente.',
    open: 'Abrir',
    show: 'Mostrar o segredo de API',
    checking: 'Verificando…',
    wrongCode: 'Este código de acesso não está correto. Confira e tente de novo; alguns códigos errados fecham o link.',
    tooMany: 'Tentativas demais. Tente de novo em alguns minutos.',
    unreachable: 'Não foi possível acessar o servidor do cofre. Verifique sua conexão e tente de novo.',
    undecryptable: 'Não foi possível decifrar este link. Confira se você copiou o link inteiro.',
    name: 'Nome',
    url: 'URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    copy: 'Copiar',
    copied: 'Copiado',
    remainingOne: 'Este link ainda pode ser aberto mais uma vez.',
    remaining: 'Este link ainda pode ser aberto mais {n} vezes.',
    last: 'Este foi o último acesso: o link não abre mais. Guarde agora o que precisar.',
    unlimited: 'Este link continua funcionando até expirar.',
  },
  es: {
    title: 'Secreto de API compartido',
    opening: 'Abriendo el enlace…',
    incomplete: 'Este enlace está incompleto. Copie el enlace completo, incluida la parte después de “#”.',
    notFound: 'Este enlace no existe.',
    expired: 'Este enlace ha caducado.',
    finished: 'Este enlace ya se usó el número de veces permitido.',
    revoked: 'La persona que compartió este enlace lo revocó.',
    paused:
      'La persona que compartió este enlace deshabilitó el secreto de API por ahora. Pregúntale o vuelve a intentarlo más tarde.',
    intro: 'Alguien compartió un secreto de API con usted. Abrirlo cuenta como un acceso.',
    codeLabel: 'Código de acceso',
    codeHint: 'La persona que compartió este enlace le da el código de acceso por separado.',
    open: 'Abrir',
    show: 'Mostrar el secreto de API',
    checking: 'Comprobando…',
    wrongCode:
      'Este código de acceso no es correcto. Revíselo e inténtelo de nuevo; varios códigos erróneos cierran el enlace.',
    tooMany: 'Demasiados intentos. Inténtelo de nuevo en unos minutos.',
    unreachable: 'No se pudo contactar con el servidor del almacén. Compruebe su conexión e inténtelo de nuevo.',
    undecryptable: 'No se pudo descifrar este enlace. Compruebe que copió el enlace completo.',
    name: 'Nombre',
    url: 'URL',
    clientId: 'Client ID',
    clientSecret: 'Client secret',
    copy: 'Copiar',
    copied: 'Copiado',
    remainingOne: 'Este enlace se puede abrir una vez más.',
    remaining: 'Este enlace se puede abrir {n} veces más.',
    last: 'Este fue el último acceso: el enlace ya no se abre. Guarde ahora lo que necesite.',
    unlimited: 'Este enlace sigue funcionando hasta que caduque.',
  },
} as const;

export type Lang = keyof typeof MESSAGES;
export type Messages = Record<keyof (typeof MESSAGES)['en'], string>;

/** The first of the reader's languages the page speaks, by full tag then by language ("pt-PT" → pt-BR). */
export function pickLang(preferred: readonly string[]): Lang {
  const langs = Object.keys(MESSAGES) as Lang[];
  for (const p of preferred) {
    const exact = langs.find((l) => l.toLowerCase() === p.toLowerCase());
    if (exact) return exact;
    const base = langs.find((l) => l.split('-')[0] === p.toLowerCase().split('-')[0]);
    if (base) return base;
  }
  return 'en';
}
