import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routingConfigSchema, type RoutingConfig } from '../../../../src/config/routing';
import { createClueRouter, routeChoices, UNCATEGORIZED } from '../../../../src/domain/clues/routing';

const config: RoutingConfig = routingConfigSchema.parse(parse(readFileSync('config/routing.yaml', 'utf8')));
const route = createClueRouter(config);

const JW: Array<[text: string, category: string]> = [
  ['县建设局副局长张某在工程招投标中收受施工方贿赂二十万元。', '贪污贿赂'],
  ['县农业农村局某科长利用职务便利挪用农机购置补贴资金。', '贪污贿赂'],
  ['县综合行政执法局一名中队长多次收受商户红包，对其违章搭建不予查处。', '贪污贿赂'],
  ['县财政局出纳贪污公款三十余万元用于个人赌博。', '贪污贿赂'],
  ['县卫健局副局长在医疗设备采购中收取供应商回扣。', '贪污贿赂'],
  ['某镇干部虚报冒领低保金，套取国家资金。', '贪污贿赂'],
  ['县水利局某股长滥用职权，为不符合条件的企业办理取水许可。', '滥用职权'],
  ['县自然资源局工作人员玩忽职守，审核把关不严，导致国家资金重大损失。', '玩忽职守'],
  ['县市场监督管理局个别窗口人员吃拿卡要，企业办证时被设卡刁难。', '权力寻租'],
  ['某镇党委书记为其亲属承揽政府投资工程，存在利益输送问题。', '利益输送'],
  ['县公安局某民警为亲属经营的娱乐场所通风报信，逃避检查。', '徇私舞弊'],
  ['县林业局办公室违规组织公款旅游，并在节日期间大操大办。', '违反中央八项规定精神'],
  ['县交通运输局干部违规接受管理服务对象宴请，公车私用。', '违反中央八项规定精神'],
  ['县住建局副局长在下属公司中持有干股，为特定关系人谋取利益。', '利益输送'],
  ['县教育局某校长挥霍公款购买高档烟酒，浪费国家资财。', '浪费国家资财'],
];

const JCY: Array<[text: string, category: string]> = [
  ['县农业农村局对某养殖场向河道排放污水的问题长期不作为，河水发黑发臭。', '生态环境和资源保护'],
  ['某化工厂夜间偷排工业废水，县里主管部门接到举报后一直未依法查处。', '生态环境和资源保护'],
  ['某村有人非法采砂，破坏河床，相关部门监管缺失。', '生态环境和资源保护'],
  ['学校周边小卖部长期销售过期食品，市场监管部门未履行监管职责。', '食品药品安全'],
  ['某超市长期销售过期变质食品，县市场监督管理局监管不力。', '食品药品安全'],
  ['镇上一家药店公开销售假药，监管部门不作为。', '食品药品安全'],
  ['乡镇集体企业的国有资产被低价转让给私人，造成国有资产流失。', '国有财产保护'],
  ['县自然资源局对开发商拖欠的土地出让金未追缴，损害国家利益。', '国有土地使用权出让'],
  ['县烈士陵园年久失修，纪念设施被侵占，主管部门未履行保护职责。', '英雄烈士保护'],
  ['县城多家网吧违规接纳未成年人上网，文化执法部门未依法查处。', '未成年人保护'],
  ['某烟花爆竹仓库存在重大安全隐患，应急管理部门未责令整改。', '安全生产'],
  ['某快递网点大量泄露公民个人信息，有关部门未予处理。', '个人信息保护'],
  ['县城主干道盲道被占用，新建公共场所缺少无障碍设施，主管部门怠于履行职责。', '无障碍环境'],
  ['县级文物保护单位的古建筑被开发商违法拆除，文物部门未制止。', '文物保护'],
  ['蔬菜基地使用禁用农药，农产品农药残留严重超标，农业部门未依法监管。', '农产品质量安全'],
  ['某企业以怀孕为由辞退女职工，劳动监察部门不作为。', '妇女权益'],
  ['退役军人优抚待遇长期未落实，主管部门不履职。', '军人权益'],
  ['有营业厅违规为他人批量办理电话卡，被用于电信网络诈骗。', '反电信网络诈骗'],
];

const SFJ: Array<[text: string, category: string]> = [
  ['县政府办印发的规范性文件设定罚款，与《行政处罚法》相冲突。', '规范性文件与上位法相抵触'],
  ['某乡镇出台的文件增设了行政许可条件，与上位法相抵触。', '规范性文件与上位法相抵触'],
  ['县交通运输局的红头文件要求企业缴纳法律未规定的保证金。', '规范性文件与上位法相抵触'],
  ['某部门的规范性文件未经合法性审查就公布施行。', '规范性文件与上位法相抵触'],
  ['县市场监管局文件规定的罚款标准超出《行政处罚法》规定的幅度。', '规范性文件与上位法相抵触'],
  ['县农业农村局和县市场监管局对农贸市场活禽销售的监管职责不清。', '职责不清'],
  ['餐厨垃圾的管理存在职责交叉，几个部门都说不归自己管。', '职责不清'],
  ['两个部门对同一违法行为存在管辖争议，执法权限不清。', '职责不清'],
  ['城区占道经营存在多头执法问题，商户无所适从。', '职责不清'],
  ['违章建筑的查处，县建设局和县综合行政执法局相互推诿。', '相互推诿'],
  ['群众投诉夜间施工噪音扰民，几个部门踢皮球，始终无人处理。', '相互推诿'],
  ['小区违规养犬问题，相关部门推来推去，一年多没人管。', '相互推诿'],
  ['农村宅基地违建问题，乡镇和县执法局互相扯皮。', '相互推诿'],
];

const ASK = [
  '有群众反映情况，请处理。',
  '县某局的问题比较严重，请核实。',
  '某单位存在违规行为。',
  // Strong signs of two routes at once: the officer must choose.
  '县建设局某科长收受红包，对违法排污企业不作为。',
  '县建设局和县综合行政执法局相互推诿，对违法排污长期不作为。',
];

const HIGHER_LEVEL = [
  '市政府某副市长收受开发商贿赂。',
  '省交通运输厅厅长在项目审批中滥用职权。',
  '市委组织部一名干部违反中央八项规定精神公款吃喝。',
  '此线索涉及市管干部，属于市纪委管辖。',
  '我认为这属于上级纪委管辖的问题，涉及县外人员。',
];

describe('clue routing', () => {
  it.each(JW)('routes to jw: %s', (text, category) => {
    expect(route(text)).toMatchObject({ kind: 'route', route: 'jw', category });
  });
  it.each(JCY)('routes to jcy: %s', (text, category) => {
    expect(route(text)).toMatchObject({ kind: 'route', route: 'jcy', category });
  });
  it.each(SFJ)('routes to sfj: %s', (text, category) => {
    expect(route(text)).toMatchObject({ kind: 'route', route: 'sfj', category });
  });
  it.each(ASK)('asks when no route clearly wins: %s', (text) => {
    expect(route(text).kind).toBe('ask');
  });
  it.each(HIGHER_LEVEL)('recognizes a higher-level clue: %s', (text) => {
    expect(route(text)).toEqual({ kind: 'higher-level' });
  });

  it('does not read 超市长期 or 餐厅长期 as a 市长 or 厅长', () => {
    expect(route('某超市长期销售过期食品，监管部门不作为。')).toMatchObject({ route: 'jcy' });
    expect(route('某餐厅长期使用地沟油，监管部门不作为。')).toMatchObject({ route: 'jcy' });
  });

  it('treats full-width text and spaces like half-width text', () => {
    expect(route('县 建设局 副局长 收受 贿赂')).toMatchObject({ kind: 'route', route: 'jw' });
  });

  it('counts a margin exactly at the configured value as clear', () => {
    const tight = createClueRouter({ ...config, minScore: 1, margin: 2 });
    // 收受 (jw 3) against 污水 (jcy 3): a tie, then 3 + 红包 against 3.
    expect(tight('收受红包，污水').kind).toBe('route');
    expect(tight('收受，污水').kind).toBe('ask');
  });

  it('gives the best category per route when it asks, and 未分类 for a route with no phrase', () => {
    const result = route('有群众反映情况，请处理。');
    expect(result).toEqual({ kind: 'ask', scores: { jw: 0, jcy: 0, sfj: 0 }, categories: { jw: UNCATEGORIZED, jcy: UNCATEGORIZED, sfj: UNCATEGORIZED } });
  });

  it('offers all three routes with one line each', () => {
    expect(routeChoices(config).map((c) => c.route)).toEqual(['jw', 'jcy', 'sfj']);
    for (const choice of routeChoices(config)) expect(choice.explain).not.toMatch(/\n/);
  });
});
