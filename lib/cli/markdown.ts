// A lab README for the terminal: marked parses the Markdown, and each block is styled and wrapped
// with a hanging indent by the Terminal (headings bold, code cyan, links followed by their URL).
import { Lexer, type Token, type Tokens } from 'marked';
import { sanitizeBlock } from './text';
import type { Terminal } from './terminal';

function inline(tokens: readonly Token[] | undefined, term: Terminal): string {
  if (!tokens) return '';
  return tokens
    .map((t): string => {
      switch (t.type) {
        case 'strong':
          return term.paint('bold', inline((t as Tokens.Strong).tokens, term));
        case 'em':
          return term.paint('italic', inline((t as Tokens.Em).tokens, term));
        case 'codespan':
          return term.paint('cyan', (t as Tokens.Codespan).text);
        case 'link': {
          const link = t as Tokens.Link;
          const text = inline(link.tokens, term);
          // An autolink's text is its URL: print it once.
          return link.text === link.href ? term.paint('underline', link.href) : `${text} (${term.paint('underline', link.href)})`;
        }
        case 'br':
          return '\n';
        case 'del':
          return inline((t as Tokens.Del).tokens, term);
        case 'text':
          return 'tokens' in t && t.tokens ? inline(t.tokens, term) : (t as Tokens.Text).text;
        default:
          return 'text' in t && typeof t.text === 'string' ? t.text : t.raw;
      }
    })
    .join('');
}

/** One line of paragraph text: Markdown's soft line breaks are spaces, so wrapping is the terminal's. */
const flow = (text: string) => text.replace(/\n(?!$)/g, ' ');

function block(token: Token, term: Terminal, indent: number): string[] {
  switch (token.type) {
    case 'space':
      return [];
    case 'heading': {
      const h = token as Tokens.Heading;
      const text = inline(h.tokens, term);
      return [term.wrap(term.paint('bold', h.depth === 1 ? term.paint('underline', text) : text), indent)];
    }
    case 'paragraph':
      return [term.wrap(flow(inline((token as Tokens.Paragraph).tokens, term)), indent)];
    case 'text':
      return [term.wrap(flow(inline((token as Tokens.Text).tokens ?? [token], term)), indent)];
    case 'list': {
      const list = token as Tokens.List;
      const start = typeof list.start === 'number' ? list.start : 1;
      return [
        list.items
          .map((item, i) => {
            const bullet = list.ordered ? `${start + i}. ` : '- ';
            const inner = indent + bullet.length;
            const parts = item.tokens.flatMap((t) => block(t, term, inner));
            // The bullet takes the place of the first line's indent.
            const first = parts[0] ?? '';
            parts[0] = ' '.repeat(indent) + bullet + first.slice(inner);
            return parts.join('\n');
          })
          .join('\n'),
      ];
    }
    case 'code': {
      const code = token as Tokens.Code;
      return [code.text.split('\n').map((line) => term.wrap(term.paint('cyan', line), indent + 4)).join('\n')];
    }
    case 'blockquote':
      return [(token as Tokens.Blockquote).tokens.flatMap((t) => block(t, term, indent + 2)).map((b) => b.replace(/^ {2}/gm, '│ ')).join('\n\n')];
    case 'hr':
      return [' '.repeat(indent) + '─'.repeat(Math.min(40, term.width - indent))];
    case 'table': {
      const table = token as Tokens.Table;
      const row = (cells: readonly Tokens.TableCell[]) => cells.map((c) => inline(c.tokens, term)).join('  |  ');
      return [[term.wrap(term.paint('bold', row(table.header)), indent + 2, ' '.repeat(indent)), ...table.rows.map((r) => term.wrap(row(r), indent + 2, ' '.repeat(indent)))].join('\n')];
    }
    case 'html':
      return [];
    default:
      return 'text' in token && typeof token.text === 'string' ? [term.wrap(token.text, indent)] : [];
  }
}

/** The README for a terminal: blocks separated by one blank line, each wrapped to the terminal's width. */
export function renderMarkdown(markdown: string, term: Terminal): string {
  const tokens = new Lexer().lex(sanitizeBlock(markdown));
  return tokens.flatMap((t) => block(t, term, 0)).join('\n\n');
}
