/**
 * The business glossary of the demo estate: the words people use in questions and the
 * columns that answer them. Stored in the demo file (`_kotae.glossary`) so that any
 * DuckDB file can carry its own glossary the same way.
 */
import type { GlossaryEntry } from '../warehouse-backend.ts';

export const DEMO_GLOSSARY: GlossaryEntry[] = [
  {
    terms: ['売上', '売上高', '売り上げ', '販売額', 'sales', 'revenue', 'turnover'],
    targets: ['retail.sales.amount', 'retail.monthly_store_sales.amount', 'retail.orders.total_amount'],
    note: '全取引は retail.sales、会員の注文は retail.orders / all transactions: retail.sales; member orders: retail.orders',
  },
  {
    terms: ['粗利', '粗利益', '荒利', 'gross profit', 'margin'],
    targets: ['retail.sales.gross_profit', 'retail.products.unit_cost'],
  },
  {
    terms: ['客数', '来店客数', 'レシート', 'customer count', 'footfall', 'receipts', 'transactions'],
    targets: ['retail.sales.receipt_count'],
  },
  {
    terms: ['客単価', 'average spend', 'basket size', 'average transaction value'],
    targets: ['retail.sales.amount', 'retail.sales.receipt_count'],
    note: '客単価 = amount / receipt_count',
  },
  {
    terms: ['販売数', '販売点数', '数量', 'units', 'quantity'],
    targets: ['retail.sales.quantity', 'retail.order_items.quantity'],
  },
  {
    terms: ['予算', '目標', '予算達成率', 'target', 'budget', 'plan'],
    targets: ['retail.store_targets.target_amount'],
  },
  {
    terms: ['店舗', '店', '支店', 'store', 'shop', 'branch'],
    targets: ['retail.stores', 'retail.stores.store_name'],
  },
  {
    terms: ['都道府県', '県', '地域', '地方', 'エリア', 'prefecture', 'region', 'area'],
    targets: ['retail.prefectures', 'retail.prefectures.region', 'retail.stores.prefecture_code'],
  },
  {
    terms: ['商品', '品目', 'アイテム', 'product', 'item', 'sku'],
    targets: ['retail.products', 'retail.products.product_name'],
  },
  {
    terms: ['カテゴリ', 'カテゴリー', '部門', 'category', 'department'],
    targets: ['retail.categories', 'retail.sales.category_code'],
  },
  {
    terms: ['会員', '顧客', 'お客様', 'customer', 'member'],
    targets: ['retail.customers', 'retail.orders.customer_id'],
  },
  {
    terms: ['注文', '購買', '購入', 'order', 'purchase'],
    targets: ['retail.orders', 'retail.order_items'],
  },
  {
    terms: ['EC', 'ネット', '通販', 'オンライン', 'online', 'e-commerce', 'channel'],
    targets: ['retail.orders.channel'],
  },
  {
    terms: ['支払', '決済', 'キャッシュレス', 'payment', 'cashless'],
    targets: ['retail.orders.payment_method'],
  },
  {
    terms: ['会員ランク', 'ランク', 'tier', 'membership'],
    targets: ['retail.customers.member_rank'],
  },
  {
    terms: ['業態', '店舗形態', 'format'],
    targets: ['retail.stores.store_format'],
  },
  {
    terms: ['人口', 'population'],
    targets: ['retail.prefectures.population'],
  },
  {
    terms: ['スタッフ', '従業員', '人件費', '時給', '給与', 'staff', 'employee', 'wage', 'salary'],
    targets: ['hr.staff', 'retail.store_staffing'],
  },
];
