-- careplan receipts by office and time (GET /api/v1/careplan/receipts?office=&from=&to=)
create index careplan_receipt_office_received on careplan_receipt (sender_office, received_at);
create index careplan_receipt_received on careplan_receipt (received_at);
