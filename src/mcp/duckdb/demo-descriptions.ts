/**
 * Descriptions of the demo estate, stored in DuckDB itself with COMMENT ON so the catalogue
 * tools read them the same way they would read any DuckDB file's comments.
 * Each is "日本語 / English": the bot is asked in both languages.
 */

export interface DemoTableDescription {
  dataset: string;
  table: string;
  description: string;
  columns: Record<string, string>;
}

export const DEMO_DATASET_DESCRIPTIONS: Record<string, string> = {
  retail:
    'こたえマート（全国チェーンのドラッグストア兼スーパー）の店舗・商品・会員・注文・日次売上 / Kotae Mart retail chain: stores, products, members, orders and daily sales (2023-01-01〜2026-10-31)',
  hr: '人事: 店舗スタッフと給与（機密） / Human resources: store staff and pay (confidential)',
};

export const DEMO_TABLE_DESCRIPTIONS: DemoTableDescription[] = [
  {
    dataset: 'retail',
    table: 'prefectures',
    description: '都道府県マスタ（地方区分・人口） / Prefectures of Japan with region and population',
    columns: {
      prefecture_code: '都道府県コード（JIS X 0401、1〜47） / Prefecture code (JIS X 0401, 1-47)',
      prefecture_name: '都道府県名 / Prefecture name (Japanese)',
      prefecture_name_en: '都道府県名（英語） / Prefecture name (English)',
      region: '地方（関東・近畿など） / Region (Japanese, e.g. 関東)',
      region_en: '地方（英語） / Region (English, e.g. Kanto)',
      population: '人口（2020年国勢調査、人） / Population (2020 census, people)',
    },
  },
  {
    dataset: 'retail',
    table: 'stores',
    description: '店舗マスタ / Stores of the chain: location, format, floor area, opening and closing dates',
    columns: {
      store_id: '店舗ID / Store id',
      store_name: '店舗名 / Store name (Japanese)',
      store_name_en: '店舗名（英語） / Store name (English)',
      prefecture_code:
        '所在地の都道府県コード（prefectures 参照） / Prefecture code of the store (see prefectures)',
      store_format: '業態（大型店・標準店・小型店） / Store format in Japanese',
      store_format_en: '業態（英語: Large, Standard, Compact） / Store format in English',
      floor_area_sqm: '売場面積（㎡） / Sales floor area (square metres)',
      opened_on: '開店日 / Opening date',
      closed_on: '閉店日（営業中は NULL） / Closing date (NULL while open)',
    },
  },
  {
    dataset: 'retail',
    table: 'categories',
    description: '商品カテゴリ / Product categories',
    columns: {
      category_code: 'カテゴリコード / Category code',
      category_name: 'カテゴリ名 / Category name (Japanese)',
      category_name_en: 'カテゴリ名（英語） / Category name (English)',
    },
  },
  {
    dataset: 'retail',
    table: 'products',
    description: '商品マスタ（売価・原価） / Products with shelf price and unit cost',
    columns: {
      product_id: '商品ID / Product id',
      product_name: '商品名 / Product name (Japanese)',
      product_name_en: '商品名（英語） / Product name (English)',
      category_code: 'カテゴリコード（categories 参照） / Category code (see categories)',
      unit_price: '売価（税込、円） / Shelf price (tax included, JPY)',
      unit_cost: '仕入原価（円） / Unit cost (JPY)',
      launched_on: '発売日 / Launch date',
    },
  },
  {
    dataset: 'retail',
    table: 'customers',
    description: '会員（ポイントカード会員） / Loyalty-card members',
    columns: {
      customer_id: '会員ID / Member (customer) id',
      home_store_id: 'よく利用する店舗ID / Home store id',
      prefecture_code: '居住都道府県コード / Prefecture code where the member lives',
      gender: '性別（女性・男性・回答なし） / Gender (Japanese labels)',
      birth_year: '生年 / Year of birth',
      member_rank: '会員ランク（ブロンズ・シルバー・ゴールド） / Membership tier (bronze, silver, gold)',
      joined_on: '入会日 / Date the member joined',
    },
  },
  {
    dataset: 'retail',
    table: 'orders',
    description:
      '会員の注文（店頭・EC）、1行1注文。全売上ではなく会員分のみ / Member orders (in store and online), one row per order; members only, not all sales',
    columns: {
      order_id: '注文ID / Order id',
      ordered_at: '注文日時（日本時間） / Order time (Japan time, no time zone)',
      order_date: '注文日 / Order date',
      store_id: '店舗ID（EC は出荷店舗） / Store id (for online orders, the fulfilling store)',
      customer_id: '会員ID / Member id',
      channel: 'チャネル（店舗・EC） / Channel: 店舗 (in store) or EC (online)',
      payment_method: '支払方法（現金・クレジットカード・電子マネー・QRコード決済） / Payment method',
      item_count: '明細行数 / Number of order lines',
      total_amount: '注文金額（税込、円、値引後） / Order total (tax included, JPY, after discounts)',
    },
  },
  {
    dataset: 'retail',
    table: 'order_items',
    description: '注文明細（1行1商品） / Order lines, one row per product in an order',
    columns: {
      order_id: '注文ID / Order id',
      line_no: '明細行番号 / Line number',
      product_id: '商品ID / Product id',
      quantity: '数量 / Quantity',
      unit_price: '単価（円） / Unit price (JPY)',
      discount_amount: '会員値引額（円） / Member discount (JPY)',
      amount: '明細金額（円、値引後） / Line amount (JPY, after discount)',
    },
  },
  {
    dataset: 'retail',
    table: 'sales',
    description:
      '日次売上（店舗×カテゴリ×日、POS 全取引） / Daily sales per store and category from all POS transactions',
    columns: {
      sale_date: '売上日 / Sales date',
      store_id: '店舗ID / Store id',
      category_code: 'カテゴリコード / Category code',
      amount: '売上金額・売上高（税込、円） / Sales amount, revenue (tax included, JPY)',
      gross_profit: '粗利（円） / Gross profit (JPY)',
      quantity: '販売点数 / Units sold',
      receipt_count: 'レシート枚数（客数の目安） / Number of receipts (a proxy for customer count)',
    },
  },
  {
    dataset: 'retail',
    table: 'store_targets',
    description: '店舗別の月次売上予算 / Monthly sales target (budget) per store',
    columns: {
      target_month: '対象月（月初日） / Month (first day)',
      store_id: '店舗ID / Store id',
      target_amount: '売上予算（円） / Sales target (JPY)',
    },
  },
  {
    dataset: 'retail',
    table: 'monthly_store_sales',
    description: '月次×店舗の売上集計ビュー（sales から） / View: monthly sales per store (from sales)',
    columns: {
      sales_month: '対象月（月初日） / Month (first day)',
      store_id: '店舗ID / Store id',
      amount: '売上金額（円） / Sales amount (JPY)',
      gross_profit: '粗利（円） / Gross profit (JPY)',
      receipt_count: 'レシート枚数 / Number of receipts',
    },
  },
  {
    dataset: 'retail',
    table: 'store_staffing',
    description:
      '店舗別スタッフ数と平均時給のビュー（hr.staff を参照） / View: staff count and average hourly wage per store (reads hr.staff)',
    columns: {
      store_id: '店舗ID / Store id',
      staff_count: 'スタッフ数 / Number of staff',
      average_hourly_wage: '平均時給（円） / Average hourly wage (JPY)',
    },
  },
  {
    dataset: 'hr',
    table: 'staff',
    description:
      '店舗スタッフ（氏名・役職・給与、機密） / Store staff with names, roles and pay (confidential)',
    columns: {
      staff_id: 'スタッフID / Staff id',
      store_id: '所属店舗ID / Store id',
      staff_name: '氏名 / Name',
      role: '役職（店長・副店長・正社員・パート・アルバイト） / Role',
      hourly_wage: '時給（円、パート・アルバイトのみ） / Hourly wage (JPY, part-time staff only)',
      monthly_salary: '月給（円、正社員のみ） / Monthly salary (JPY, full-time staff only)',
      hired_on: '入社日 / Hire date',
    },
  },
];
