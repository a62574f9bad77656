import { placeholderCatalogue, sampleData } from '../catalogue/placeholder-catalogue.js';
import { DOCX_KINDS } from '../kinds.js';
import { DocumentRenderError, renderDocx } from '../render/render-docx.js';
import { readDefaultTemplate } from '../templates/default-templates.js';
import { validateTemplate } from '../validate/validate-template.js';
import { attributesOf, editDocument, firstPageText, leafStrings, partXml } from './docx-test-utils.js';

const RARE_NAMES = ['王犇', '李垚', '张旸', '陈昇', '赵珺玥', '周喆', '吴祎'];

/** The values the template prints: the data's strings whose placeholder the template uses. */
function printedValues(
  kind: (typeof DOCX_KINDS)[number],
  template: Buffer,
): { path: string; value: string }[] {
  const used = new Set(validateTemplate(kind, template).placeholders);
  return leafStrings(sampleData(kind)).filter(({ path }) => used.has(path.replace(/\.\d+(?=\.|$)/g, '')));
}

describe('renderDocx', () => {
  it.each(DOCX_KINDS)(
    '%s: every value the default template uses is printed, no tag is left',
    async (kind) => {
      const template = await readDefaultTemplate(kind);
      const docx = renderDocx(kind, template, sampleData(kind));
      // A value inside a condition is printed in the variant that shows it: the sample's, or with
      // that condition turned the other way.
      const variants = placeholderCatalogue(kind)
        .filter((p) => p.kind === 'condition')
        .map((p) => renderDocx(kind, template, { ...sampleData(kind), [p.name]: !p.example }));
      const text = [docx, ...variants].map(firstPageText).join('\n');
      const values = printedValues(kind, template);
      expect(values.length).toBeGreaterThan(5);
      for (const { path, value } of values) {
        if (!text.includes(value)) throw new Error(`${kind}: ${path} = ${value} not printed`);
      }
      expect(text).not.toMatch(/[{}]/);
      // The rendered document still has its page setup.
      expect(attributesOf(partXml(docx), 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    },
  );

  it('prints every rare-character name of the samples', async () => {
    const printed = await Promise.all(
      DOCX_KINDS.map(async (kind) =>
        firstPageText(renderDocx(kind, await readDefaultTemplate(kind), sampleData(kind))),
      ),
    );
    for (const name of RARE_NAMES) expect(printed.join('\n')).toContain(name);
  });

  it('fills the registration form: number in 〔〕, header, rows, departments one per line, signature', async () => {
    const data = {
      ...sampleData('REGISTRATION_FORM'),
      enterpriseName: '重庆赵珺玥科技有限公司',
      contactName: '周喆',
      leaderName: '吴祎',
      registrationNo: '企业困难问题〔2026〕第7号',
    };
    const text = firstPageText(
      renderDocx('REGISTRATION_FORM', await readDefaultTemplate('REGISTRATION_FORM'), data),
    );
    expect(text).toContain('问题类别：用电保障\t登记编号：企业困难问题〔2026〕第7号');
    expect(text).toMatch(/企业名称\n重庆赵珺玥科技有限公司\n/);
    expect(text).toMatch(/联 系 人\n周喆\n职 {2}务\n行政总监\n/);
    expect(text).toMatch(/希望协调解决\n事项的部门\n国网黔江供电公司\n经济发展部\n/);
    expect(text).toContain('签字：吴祎\u30002022年5月10日 16:20');
    expect(text).toContain('重大疑难事项，已向分管业务领导汇报。');
    expect(text).not.toContain('政策性较强');
    expect(text).toContain('注：1.问题类别按政策执行、合同履行');
    expect(text).toContain('2.登记编号统一用：企业困难问题〔20XX〕第XX号');
  });

  it('fills the assignment sheet: number, the matter in full, departments, dates, the approving leader once', async () => {
    const data = sampleData('ASSIGNMENT_SHEET');
    const text = firstPageText(
      renderDocx('ASSIGNMENT_SHEET', await readDefaultTemplate('ASSIGNMENT_SHEET'), data),
    );
    expect(text).toContain('交办领导（签字）：常务副主任 张旸\t交办编号：正阳园区管委交〔2022〕第12号');
    expect(text).toContain(`需要办理或\n协调解决事项\n${data.difficulty}\n`);
    expect(text).toMatch(/牵头办理部室\n经济发展部\n交办日期\n2022年5月10日\n/);
    expect(text).toMatch(/配合办理部室\n规划建设部\n安全环保部\n办结时限\n2022年5月24日\n/);
    expect(text.match(/张旸/g)).toHaveLength(1);
  });

  it('an empty list leaves a valid table cell', async () => {
    const data = { ...sampleData('ASSIGNMENT_SHEET'), cooperatingDepartments: [] };
    const xml = partXml(renderDocx('ASSIGNMENT_SHEET', await readDefaultTemplate('ASSIGNMENT_SHEET'), data));
    expect(xml).not.toMatch(/<w:tc>(?:(?!<w:p[ >]).)*?<\/w:tc>/s);
    expect(xmlWellFormed(xml)).toBe(true);
  });

  it('copies the referral letter to 区整顿办 for major cases only', async () => {
    const template = await readDefaultTemplate('REFERRAL_LETTER');
    const major = firstPageText(renderDocx('REFERRAL_LETTER', template, sampleData('REFERRAL_LETTER')));
    expect(major).toContain('抄送：区民促办，区整顿办。');
    const minor = firstPageText(
      renderDocx('REFERRAL_LETTER', template, { ...sampleData('REFERRAL_LETTER'), major: false }),
    );
    expect(minor).toContain('抄送：区民促办。');
    expect(minor).not.toContain('区整顿办');
  });

  it.each(['ASSIGNMENT_SHEET', 'SUPERVISION_LETTER', 'HANDOVER_LETTER'] as const)(
    '%s: a 版记 line copies the offices the rules name, and no line (nor its blank) without one',
    async (kind) => {
      const template = await readDefaultTemplate(kind);
      const copied = firstPageText(
        renderDocx(kind, template, { ...sampleData(kind), hasCc: true, ccOffices: '市委督查室、区效能办' }),
      );
      expect(copied).toContain('抄送：市委督查室、区效能办。');
      const uncopied = renderDocx(kind, template, { ...sampleData(kind), hasCc: false, ccOffices: '' });
      expect(firstPageText(uncopied)).not.toContain('抄送');
      // Nothing left after the last line of the form or the letter's date.
      expect(firstPageText(uncopied).trimEnd()).toMatch(
        kind === 'ASSIGNMENT_SHEET' ? /第XX号。$/ : /2022年\d+月\d+日$/,
      );
    },
  );

  it('hand-over letter: to the outside office, citing the deadline missed and the supervision letter', async () => {
    const text = firstPageText(
      renderDocx(
        'HANDOVER_LETTER',
        await readDefaultTemplate('HANDOVER_LETTER'),
        sampleData('HANDOVER_LETTER'),
      ),
    );
    expect(text).toContain('移交〔2022〕第1号');
    expect(text).toContain('关于移交超期未办结企业困难问题的函\n\n市委督查室：\n');
    expect(text).toContain(
      '重庆犇垚精密机械有限公司反映的新建厂房用电增容问题，登记编号企业困难问题〔2022〕第12号，交办编号或商函编号正阳园区管委交〔2022〕第12号。',
    );
    expect(text).toContain(
      '该事项由经济发展部办理，办结时限为2022年5月24日，逾期未办结。我委已于2022年5月27日发函督办（正阳园区管委督〔2022〕3号），至今仍未办结，已逾期8个工作日。',
    );
    expect(text).toContain('现将该事项移交你单位，请予督查督办。');
    expect(text).toMatch(/重庆市正阳工业园区管理委员会\n2022年6月6日\n[\s\S]*抄送：区效能办。/);
  });

  it('prints the referral letter in the order of Attachment 4, with the issue list attached', async () => {
    const text = firstPageText(
      renderDocx(
        'REFERRAL_LETTER',
        await readDefaultTemplate('REFERRAL_LETTER'),
        sampleData('REFERRAL_LETTER'),
      ),
    );
    const order = [
      '重庆市正阳工业园区管理委员会',
      '正阳园区管委函〔2022〕5号',
      '关于解决正阳工业园区企业困难问题的函',
      '国网黔江供电公司：',
      '于5个工作日内告知我委',
      '联系电话：',
      '正阳工业园区企业服务中心　　79429609',
      '重庆犇垚精密机械有限公司　　王犇　13908260001',
      '此函',
      '附件：企业困难问题清单',
      '2022年5月10日',
      '企业困难问题清单',
      '企业困难问题〔2022〕第12号',
      '抄送：区民促办',
    ];
    let at = -1;
    for (const piece of order) {
      const next = text.indexOf(piece, at + 1);
      if (next < 0) throw new Error(`${piece} not found after position ${at}`);
      at = next;
    }
  });

  it('repeats the issue-list row once per issue', async () => {
    const data = sampleData('REFERRAL_LETTER');
    data.issues = [
      { ...data.issues[0], no: '1' },
      { ...data.issues[0], no: '2', enterpriseName: '重庆旸昇新材料有限公司', difficulty: '招工用工' },
    ];
    const xml = partXml(renderDocx('REFERRAL_LETTER', await readDefaultTemplate('REFERRAL_LETTER'), data));
    const table = xml.slice(xml.lastIndexOf('<w:tbl>'), xml.lastIndexOf('</w:tbl>'));
    expect(table.match(/<w:tr>/g)).toHaveLength(3);
    expect(table).toContain('重庆旸昇新材料有限公司');
  });

  it('lists the cases and grounds of a circular notice', async () => {
    const text = firstPageText(
      renderDocx(
        'CIRCULAR_NOTICE',
        await readDefaultTemplate('CIRCULAR_NOTICE'),
        sampleData('CIRCULAR_NOTICE'),
      ),
    );
    expect(text).toContain('关于经济发展部办理企业反映困难问题情况的通报');
    expect(text).toContain('（一）重庆犇垚精密机械有限公司反映的新建厂房用电增容问题');
    expect(text).toContain('（二）重庆旸昇新材料有限公司反映的招工用工缺口约120人问题');
    expect(text).toContain('存在“久拖不办”“敷衍塞责”的情形');
    expect(text).toContain('提交园区党工委会研究处理');
    expect(text).toMatch(
      /抄送：园区党工委、管委会领导。\n\u3000园区服务企业领导小组办公室\t2022年6月6日印发/,
    );
  });

  it('lists the grounds of a special supervision one per paragraph', async () => {
    const text = firstPageText(
      renderDocx(
        'SPECIAL_SUPERVISION_LETTER',
        await readDefaultTemplate('SPECIAL_SUPERVISION_LETTER'),
        sampleData('SPECIAL_SUPERVISION_LETTER'),
      ),
    );
    expect(text).toContain('\n1.办理不彻底。仅答复已转供电公司办理，未明确增容完成时间。\n2.企业不满意。');
  });

  it('supervision letter: an assigned case states its assignment, a referral its referral letter', async () => {
    const template = await readDefaultTemplate('SUPERVISION_LETTER');
    const assigned = firstPageText(
      renderDocx('SUPERVISION_LETTER', template, sampleData('SUPERVISION_LETTER')),
    );
    expect(assigned).toContain(
      '交办事项：重庆犇垚精密机械有限公司反映的新建厂房用电增容问题（登记编号：企业困难问题〔2022〕第12号；交办编号：正阳园区管委交〔2022〕第12号；交办日期：2022年5月10日；办结时限：2022年5月24日），已逾期3个工作日。',
    );
    expect(assigned).not.toContain('商函');

    const referral = firstPageText(
      renderDocx('SUPERVISION_LETTER', template, {
        ...sampleData('SUPERVISION_LETTER'),
        referral: true,
        addressee: '国网黔江供电公司',
        salutation: '国网黔江供电公司：',
        body: '我委于2022年5月10日以《关于解决正阳工业园区企业困难问题的函》（正阳园区管委函〔2022〕5号）函请贵单位协助解决，至今未收到贵单位回复。',
        assignmentNo: '',
        assignedOn: '',
        referralLetterNo: '正阳园区管委函〔2022〕5号',
        referredOn: '2022年5月10日',
        dueDate: '2022年5月17日',
      }),
    );
    expect(referral).toContain(
      '函请事项：重庆犇垚精密机械有限公司反映的新建厂房用电增容问题（登记编号：企业困难问题〔2022〕第12号；商函编号：正阳园区管委函〔2022〕5号；发函日期：2022年5月10日；回复时限：2022年5月17日），已逾期3个工作日。',
    );
    expect(referral).not.toContain('交办');
  });

  it('keeps line breaks, escapes XML, drops control characters and prints nothing for a missing value', async () => {
    const template = await readDefaultTemplate('SUPERVISION_LETTER');
    const data = {
      ...sampleData('SUPERVISION_LETTER'),
      body: '第一行\n第二行 <b>&"\u0007',
      contactPhone: undefined as unknown as string,
    };
    const docx = renderDocx('SUPERVISION_LETTER', template, data);
    const xml = partXml(docx);
    expect(xml).toContain(
      '第一行</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space="preserve">第二行 &lt;b&gt;&amp;&quot;',
    );
    expect(xml).not.toContain('\u0007');
    expect(firstPageText(docx)).toContain('联系电话：\n');
    expect(firstPageText(docx)).not.toContain('undefined');
  });

  it('throws a DocumentRenderError listing the problems of a broken template', async () => {
    const broken = editDocument(await readDefaultTemplate('REFERRAL_LETTER'), (xml) =>
      xml.replace('{closing}', '{#issues}'),
    );
    expect(() => renderDocx('REFERRAL_LETTER', broken, sampleData('REFERRAL_LETTER'))).toThrow(
      DocumentRenderError,
    );
    try {
      renderDocx('REFERRAL_LETTER', broken, sampleData('REFERRAL_LETTER'));
    } catch (error) {
      expect((error as DocumentRenderError).problems).toEqual([
        expect.objectContaining({ code: 'TEMPLATE_SYNTAX', errorId: 'unclosed_loop', tag: 'issues' }),
      ]);
    }
    expect(() =>
      renderDocx('REFERRAL_LETTER', Buffer.from('not a zip'), sampleData('REFERRAL_LETTER')),
    ).toThrow(DocumentRenderError);
  });
});

/** Every opening tag is closed in order (enough to catch a loop that broke the XML). */
function xmlWellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}
