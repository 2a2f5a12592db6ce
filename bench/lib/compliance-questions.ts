/**
 * Questions over the compliance corpus (test/fixtures/compliance/corpus.ts). `clause` is the clause path of the
 * chunk that answers; `expect` words the answer must contain; `asOf` the day asked about (versions: 1 = older).
 * Every other question is in the tuning split, the rest are held out (report both; tune only on "tune").
 */
export type QuestionType = "clause" | "topic" | "asof" | "none";

export interface ComplianceQuestion {
  q: string;
  type: QuestionType;
  source?: string;
  clause?: string;
  expect?: string;
  asOf?: string;
  version?: number;
}

const W = "취업규칙.hwpx";
const P = "개인정보처리방침.docx";
const T = "여비규정.pdf";
const S = "security-policy.docx";
const E = "expense-policy.pdf";

export const QUESTIONS: readonly ComplianceQuestion[] = [
  { q: "취업규칙 제6조 제1항은 무엇을 정하나요?", type: "clause", source: W, clause: "제6조(수습기간) 제1항", expect: "2개월" },
  { q: "취업규칙 12조 2항 내용", type: "clause", source: W, clause: "제12조(연차휴가) 제2항", expect: "출근한 것으로 본다" },
  { q: "취업규칙 제13조는 무엇을 정하나요?", type: "clause", source: W, clause: "제13조(경조휴가)", expect: "경조휴가" },
  { q: "취업규칙 제21조 내용은?", type: "clause", source: W, clause: "제21조(감봉의 한도)", expect: "평균임금" },
  { q: "취업규칙 제14조의2", type: "clause", source: W, clause: "제14조의2(연차휴가의 이월)", expect: "이월" },
  { q: "취업규칙 제10조 2항", type: "clause", source: W, clause: "제10조(근로시간) 제2항", expect: "8시간" },
  { q: "개인정보 처리방침 제4조 1항은?", type: "clause", source: P, clause: "제4조(개인정보의 파기) 제1항", expect: "5일 이내" },
  { q: "개인정보 처리방침 제2조 제3항", type: "clause", source: P, clause: "제2조(개인정보의 처리 및 보유 기간) 제3항", expect: "5년간" },
  { q: "개인정보 처리방침 제6조 2항 내용", type: "clause", source: P, clause: "제6조(개인정보 보호책임자) 제2항", expect: "최고정보보호책임자" },
  { q: "개인정보 처리방침 제8조", type: "clause", source: P, clause: "제8조(가명정보의 처리)", expect: "가명정보" },
  { q: "여비규정 제5조 2항은 무엇인가요?", type: "clause", source: T, clause: "제5조(일비) 제2항", expect: "2분의 1" },
  { q: "여비규정 제7조", type: "clause", source: T, clause: "제7조(식비)", expect: "3만원" },
  { q: "여비규정 제8조 내용", type: "clause", source: T, clause: "제8조(여비의 정산)", expect: "10일 이내" },
  { q: "여비규정 제4조 제2항", type: "clause", source: T, clause: "제4조(운임) 제2항", expect: "일반석" },
  { q: "여비규정 별표 1", type: "clause", source: T, clause: "별표 1", expect: "10만원" },
  { q: "What does Section 2.1 of the security policy say?", type: "clause", source: S, clause: "Article 2 Section 2.1", expect: "14 characters" },
  { q: "Section 3.2 of the information security policy", type: "clause", source: S, clause: "Article 3 Section 3.2", expect: "two years" },
  { q: "What does Section 4.1 of the security policy require?", type: "clause", source: S, clause: "Article 4 Section 4.1", expect: "4 hours" },
  { q: "Security policy Section 2.2(b)", type: "clause", source: S, clause: "Article 2 Section 2.2", expect: "24 hours" },
  { q: "What is in Schedule 1 of the security policy?", type: "clause", source: S, clause: "Schedule 1", expect: "1234" },
  { q: "Section 3.1 of the travel and expense policy", type: "clause", source: E, clause: "Section 3.1", expect: "60 dollars" },
  { q: "What does Section 4.1 of the expense policy say?", type: "clause", source: E, clause: "Section 4.1", expect: "14 days" },
  { q: "Expense policy Section 2.2", type: "clause", source: E, clause: "Section 2.2", expect: "director" },

  { q: "수습기간은 얼마나 되나요?", type: "topic", source: W, clause: "제6조(수습기간) 제1항", expect: "2개월" },
  { q: "1주간 근로시간은 몇 시간인가요?", type: "topic", source: W, clause: "제10조(근로시간) 제1항", expect: "40시간" },
  { q: "점심 휴게시간은 언제인가요?", type: "topic", source: W, clause: "제11조(휴게)", expect: "12시부터" },
  { q: "배우자 출산 시 경조휴가는 며칠인가요?", type: "topic", source: W, clause: "제13조(경조휴가)", expect: "20일" },
  { q: "휴가는 언제까지 신청해야 하나요?", type: "topic", source: W, clause: "제14조(휴가의 신청)", expect: "3일 전까지" },
  { q: "징계의 종류에는 무엇이 있나요?", type: "topic", source: W, clause: "제20조(징계의 종류)", expect: "견책" },
  { q: "신규 채용자가 제출할 채용서류는 무엇인가요?", type: "topic", source: W, clause: "제5조(채용서류)", expect: "이력서" },
  { q: "회원 가입 및 관리에 관한 개인정보는 언제까지 보유하나요?", type: "topic", source: P, clause: "제2조(개인정보의 처리 및 보유 기간) 제2항", expect: "회원 탈퇴 시까지" },
  { q: "전자상거래 계약 기록은 몇 년간 보유하나요?", type: "topic", source: P, clause: "제2조(개인정보의 처리 및 보유 기간) 제3항", expect: "5년간" },
  { q: "개인정보를 제3자에게 제공하는 경우는?", type: "topic", source: P, clause: "제3조(개인정보의 제3자 제공)", expect: "동의" },
  { q: "전자적 파일 형태의 정보는 어떻게 파기하나요?", type: "topic", source: P, clause: "제4조(개인정보의 파기) 제2항", expect: "기술적 방법" },
  { q: "개인정보 보호책임자는 누구로 하나요?", type: "topic", source: P, clause: "제6조(개인정보 보호책임자) 제2항", expect: "최고정보보호책임자" },
  { q: "가명정보는 어떤 목적으로 처리할 수 있나요?", type: "topic", source: P, clause: "제8조(가명정보의 처리)", expect: "통계작성" },
  { q: "국내 출장의 일비는 얼마인가요?", type: "topic", source: T, clause: "제5조(일비) 제1항", expect: "2만5천원" },
  { q: "철도운임은 어떻게 지급하나요?", type: "topic", source: T, clause: "제4조(운임) 제1항", expect: "실비" },
  { q: "출장을 마친 후 여비 정산 기한은?", type: "topic", source: T, clause: "제8조(여비의 정산)", expect: "10일 이내" },
  { q: "여비란 무엇을 말하나요?", type: "topic", source: T, clause: "제2조(정의)", expect: "운임" },
  { q: "서울특별시 숙박비 상한액은 1박 얼마인가요?", type: "topic", source: T, clause: "별표 1", expect: "10만원" },
  { q: "How long must passwords be?", type: "topic", source: S, clause: "Article 2 Section 2.1", expect: "14 characters" },
  { q: "Is multi-factor authentication required for remote access?", type: "topic", source: S, clause: "Article 2 Section 2.2", expect: "remote access" },
  { q: "How long are customer records kept?", type: "topic", source: S, clause: "Article 3 Section 3.1", expect: "five years" },
  { q: "How quickly must security incidents be reported?", type: "topic", source: S, clause: "Article 4 Section 4.1", expect: "4 hours" },
  { q: "Who issues the hardware tokens?", type: "topic", source: S, clause: "Article 2 Section 2.2", expect: "IT department" },
  { q: "What is the daily meal allowance?", type: "topic", source: E, clause: "Section 3.1", expect: "60 dollars" },
  { q: "Up to how much are hotel costs reimbursed per night?", type: "topic", source: E, clause: "Section 3.2", expect: "200 dollars" },
  { q: "Who may approve business class flights?", type: "topic", source: E, clause: "Section 2.2", expect: "director" },
  { q: "When must expense claims be submitted?", type: "topic", source: E, clause: "Section 4.1", expect: "14 days" },

  { q: "수습기간은 얼마나 되나요?", type: "asof", asOf: "2024-06-01", version: 1, source: W, clause: "제6조(수습기간) 제1항", expect: "3개월" },
  { q: "배우자 출산 시 경조휴가는 며칠인가요?", type: "asof", asOf: "2025-02-28", version: 1, source: W, clause: "제13조(경조휴가)", expect: "10일" },
  { q: "배우자 출산 시 경조휴가는 며칠인가요?", type: "asof", asOf: "2025-03-01", version: 2, source: W, clause: "제13조(경조휴가)", expect: "20일" },
  { q: "국내 출장의 일비는 얼마인가요?", type: "asof", asOf: "2025-06-30", version: 1, source: T, clause: "제5조(일비) 제1항", expect: "2만원" },
  { q: "출장을 마친 후 여비 정산 기한은?", type: "asof", asOf: "2024-05-01", version: 1, source: T, clause: "제8조(여비의 정산)", expect: "7일 이내" },
  { q: "여비규정 제7조 식비", type: "asof", asOf: "2025-07-01", version: 2, source: T, clause: "제7조(식비)", expect: "3만원" },
  { q: "개인정보 보호책임자는 누구로 하나요?", type: "asof", asOf: "2024-10-01", version: 1, source: P, clause: "제6조(개인정보 보호책임자) 제2항", expect: "정보보호팀장" },
  { q: "개인정보 처리방침 제4조 1항", type: "asof", asOf: "2023-12-01", version: 1, source: P, clause: "제4조(개인정보의 파기) 제1항", expect: "지체 없이" },
  { q: "How long must passwords be?", type: "asof", asOf: "2024-12-01", version: 1, source: S, clause: "Article 2 Section 2.1", expect: "12 characters" },
  { q: "How long are server logs kept?", type: "asof", asOf: "2025-01-15", version: 1, source: S, clause: "Article 3 Section 3.2", expect: "one year" },
  { q: "How quickly must security incidents be reported?", type: "asof", asOf: "2025-05-01", version: 2, source: S, clause: "Article 4 Section 4.1", expect: "4 hours" },
  { q: "What is the daily meal allowance?", type: "asof", asOf: "2025-01-01", version: 1, source: E, clause: "Section 3.1", expect: "50 dollars" },
  { q: "When must expense claims be submitted?", type: "asof", asOf: "2024-03-01", version: 1, source: E, clause: "Section 4.1", expect: "30 days" },

  { q: "주차장 이용 요금은 얼마인가요?", type: "none" },
  { q: "재택근무는 주 몇 회 가능한가요?", type: "none" },
  { q: "취업규칙 제40조 2항은 무엇인가요?", type: "none" },
  { q: "사내 동호회 지원금은 얼마인가요?", type: "none" },
  { q: "여비규정 제15조는?", type: "none" },
  { q: "해외 출장 시 환율은 어떻게 적용하나요?", type: "none" },
  { q: "육아휴직은 몇 년까지 가능한가요?", type: "none" },
  { q: "What is the policy on bringing pets to the office?", type: "none" },
  { q: "How many vacation days do interns get?", type: "none" },
  { q: "What does Section 9.4 of the security policy say?", type: "none" },
  { q: "What is the dress code?", type: "none" },
  { q: "Is there a bonus for referring new employees?", type: "none" },
];

export function splitOf(index: number): "tune" | "test" {
  return index % 2 === 0 ? "tune" : "test";
}
