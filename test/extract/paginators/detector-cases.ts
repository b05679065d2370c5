/**
 * dlt's TEST_RESPONSES from tests/sources/helpers/rest_client/test_detector.py:
 * real-world response shapes with the paginator and records path dlt detects.
 * `offset` marks shapes dlt recognizes as offset-paged but cannot detect (it
 * falls back to single_page for them).
 */
export interface DetectorCase {
  response: unknown;
  link?: string;
  type: 'offset' | 'page_number' | 'cursor' | 'json_link' | 'header_link' | 'single_page';
  recordsPath: string;
  nextPath?: string;
  totalPath?: string;
}

export const DETECTOR_CASES: DetectorCase[] = [
  {
    response: { data: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }], pagination: { offset: 0, limit: 2, total: 100 } },
    type: 'offset', recordsPath: 'data',
  },
  {
    response: { items: [{ id: 11, title: 'Page Item 1' }, { id: 12, title: 'Page Item 2' }], page_info: { current_page: 1, items_per_page: 2, total_pages: 50 } },
    type: 'page_number', recordsPath: 'items', totalPath: 'page_info.total_pages',
  },
  {
    response: { products: [{ id: 101, name: 'Product 1' }, { id: 102, name: 'Product 2' }], next_cursor: 'eyJpZCI6MTAyfQ==' },
    type: 'cursor', recordsPath: 'products', nextPath: 'next_cursor',
  },
  {
    response: { results: [{ id: 201, description: 'Result 1' }, { id: 202, description: 'Result 2' }], cursors: { next: 'NjM=', previous: 'MTk=' } },
    type: 'cursor', recordsPath: 'results', nextPath: 'cursors.next',
  },
  {
    response: { entries: [{ id: 31, value: 'Entry 1' }, { id: 32, value: 'Entry 2' }], next_id: 33, limit: 2 },
    type: 'cursor', recordsPath: 'entries', nextPath: 'next_id',
  },
  {
    response: { comments: [{ id: 51, text: 'Comment 1' }, { id: 52, text: 'Comment 2' }], page_number: 3, total_pages: 15 },
    type: 'page_number', recordsPath: 'comments', totalPath: 'total_pages',
  },
  {
    response: {
      count: 1023,
      next: 'https://api.example.org/accounts/?page=5',
      previous: 'https://api.example.org/accounts/?page=3',
      results: [{ id: 1, name: 'Account 1' }, { id: 2, name: 'Account 2' }],
    },
    type: 'json_link', recordsPath: 'results', nextPath: 'next',
  },
  {
    response: {
      _embedded: { items: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }] },
      _links: {
        first: { href: 'http://api.example.com/items?page=0&size=2' },
        self: { href: 'http://api.example.com/items?page=1&size=2' },
        next: { href: 'http://api.example.com/items?page=2&size=2' },
        last: { href: 'http://api.example.com/items?page=50&size=2' },
      },
      page: { size: 2, totalElements: 100, totalPages: 50, number: 1 },
    },
    type: 'json_link', recordsPath: '_embedded.items', nextPath: '_links.next.href',
  },
  {
    response: {
      items: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }],
      meta: { currentPage: 1, pageSize: 2, totalPages: 50, totalItems: 100 },
      links: { firstPage: '/items?page=1&limit=2', previousPage: '/items?page=0&limit=2', nextPage: '/items?page=2&limit=2', lastPage: '/items?page=50&limit=2' },
    },
    type: 'json_link', recordsPath: 'items', nextPath: 'links.nextPage',
  },
  {
    response: { data: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }], pagination: { currentPage: 1, pageSize: 2, totalPages: 5, totalItems: 10 } },
    type: 'page_number', recordsPath: 'data', totalPath: 'pagination.totalPages',
  },
  {
    response: { items: [{ id: 1, title: 'Item 1' }, { id: 2, title: 'Item 2' }], pagination: { page: 1, perPage: 2, total: 10, totalPages: 5 } },
    type: 'page_number', recordsPath: 'items', totalPath: 'pagination.totalPages',
  },
  {
    response: {
      data: [{ id: 1, description: 'Item 1' }, { id: 2, description: 'Item 2' }],
      meta: { currentPage: 1, itemsPerPage: 2, totalItems: 10, totalPages: 5 },
      links: { first: '/api/items?page=1', previous: null, next: '/api/items?page=2', last: '/api/items?page=5' },
    },
    type: 'json_link', recordsPath: 'data', nextPath: 'links.next',
  },
  {
    response: { page: 2, per_page: 10, total: 100, pages: 10, data: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }] },
    type: 'page_number', recordsPath: 'data', totalPath: 'pages',
  },
  {
    response: { currentPage: 1, pageSize: 10, totalPages: 5, totalRecords: 50, items: [{ id: 1, name: 'Item 1' }, { id: 2, name: 'Item 2' }] },
    type: 'page_number', recordsPath: 'items', totalPath: 'totalPages',
  },
  {
    // dlt: "we are not able to detect that"
    response: { articles: [{ id: 21, headline: 'Article 1' }, { id: 22, headline: 'Article 2' }], paging: { current: 3, size: 2, total: 60 } },
    type: 'single_page', recordsPath: 'articles',
  },
  {
    response: { feed: [{ id: 41, content: 'Feed Content 1' }, { id: 42, content: 'Feed Content 2' }], offset: 40, limit: 2, total_count: 200 },
    type: 'offset', recordsPath: 'feed',
  },
  {
    response: { query_results: [{ id: 81, snippet: 'Result Snippet 1' }, { id: 82, snippet: 'Result Snippet 2' }], page_details: { number: 1, size: 2, total_elements: 50, total_pages: 25 } },
    type: 'page_number', recordsPath: 'query_results', totalPath: 'page_details.total_pages',
  },
  {
    response: { posts: [{ id: 91, title: 'Blog Post 1' }, { id: 92, title: 'Blog Post 2' }], pagination_details: { current_page: 4, posts_per_page: 2, total_posts: 100, total_pages: 50 } },
    type: 'page_number', recordsPath: 'posts', totalPath: 'pagination_details.total_pages',
  },
  {
    response: { catalog: [{ id: 101, product_name: 'Product A' }, { id: 102, product_name: 'Product B' }], page_metadata: { index: 1, size: 2, total_items: 20, total_pages: 10 } },
    type: 'page_number', recordsPath: 'catalog', totalPath: 'page_metadata.total_pages',
  },
  {
    response: [{ id: 101, product_name: 'Product A' }, { id: 102, product_name: 'Product B' }],
    type: 'single_page', recordsPath: '$',
  },
  {
    response: [{ id: 101, product_name: 'Product A' }, { id: 102, product_name: 'Product B' }],
    link: '<https://api.example.com/products?page=2>; rel="next"',
    type: 'header_link', recordsPath: '$',
  },
  {
    response: { id: 101, product_name: 'Product A' },
    type: 'single_page', recordsPath: '$',
  },
];
