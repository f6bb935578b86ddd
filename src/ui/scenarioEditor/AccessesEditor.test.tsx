import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AccessesEditor } from './AccessesEditor.tsx';

const onChange = () => Promise.resolve(null);

describe('AccessesEditor labels', () => {
  it('names GFNs on the direct walk', () => {
    expect(renderToStaticMarkup(<AccessesEditor accesses={[8, 9]} onChange={onChange} />)).toContain(
      'GFNs in order',
    );
    const pattern = renderToStaticMarkup(
      <AccessesEditor accesses={{ pattern: 'sequential', startGfn: 0, pages: 8 }} onChange={onChange} />,
    );
    expect(pattern).toContain('Start GFN');
  });
  it('names GVA pages under guest paging', () => {
    const list = renderToStaticMarkup(<AccessesEditor accesses={[8, 9]} onChange={onChange} guestPages />);
    expect(list).toContain('GVA pages in order');
    expect(list).not.toContain('GFNs in order');
    const pattern = renderToStaticMarkup(
      <AccessesEditor
        accesses={{ pattern: 'sequential', startGfn: 0, pages: 8 }}
        onChange={onChange}
        guestPages
      />,
    );
    expect(pattern).toContain('Start GVA page');
  });
});
