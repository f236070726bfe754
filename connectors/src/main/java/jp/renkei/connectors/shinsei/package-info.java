/**
 * The 電子申請・届出システム (filing system) connector, on Renkei's own contract {@code contracts/shinsei-api.yaml}:
 * the API client ({@link jp.renkei.connectors.shinsei.ShinseiClient}), attachment download into the content store
 * with size and SHA-256 checks ({@link jp.renkei.connectors.shinsei.AttachmentDownload}), the authority's register of
 * submissions and decisions ({@link jp.renkei.connectors.shinsei.SubmissionRegister}), the flow's sink
 * ({@link jp.renkei.connectors.shinsei.SubmissionSink}) and the decision outbox's poster
 * ({@link jp.renkei.connectors.shinsei.DecisionPoster}).
 */
package jp.renkei.connectors.shinsei;
