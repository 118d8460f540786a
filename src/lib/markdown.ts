import MarkdownIt from 'markdown-it';

// Raw HTML is off, so the output is safe by construction: markdown-it escapes everything else
// and refuses javascript:/vbscript:/data: links.
const md = new MarkdownIt({ html: false, linkify: true, breaks: false, typographer: false });

// Links in descriptions open normally but never pass the shop's referrer or window to other sites.
const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Descriptions sit under the page's h1 and a section h2: their headings start at h3.
for (const rule of ['heading_open', 'heading_close'] as const) {
  md.renderer.rules[rule] = (tokens, idx, options, _env, self) => {
    const token = tokens[idx]!;
    token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
    return self.renderToken(tokens, idx, options);
  };
}

export function renderMarkdown(source: string | null | undefined): string {
  return source ? md.render(source) : '';
}
