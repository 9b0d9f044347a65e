<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ActionForm</name>
    <message>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>AddressEditor</name>
    <message>
        <source>Số nhà, đường/thôn, ấp</source>
        <translation>House number, street/hamlet</translation>
    </message>
    <message>
        <source>Tỉnh/thành phố</source>
        <translation>Province/city</translation>
    </message>
    <message>
        <source>Phường/xã</source>
        <translation>Ward/commune</translation>
    </message>
    <message>
        <source>ví dụ: 12 Nguyễn Huệ</source>
        <translation>e.g. 12 Nguyễn Huệ</translation>
    </message>
    <message>
        <source>gõ tên tỉnh, ví dụ an giang</source>
        <translation>type the province, e.g. an giang</translation>
    </message>
    <message>
        <source>chọn tỉnh trước, rồi gõ tên phường/xã</source>
        <translation>pick the province first, then type the ward/commune</translation>
    </message>
</context>
<context>
    <name>Common</name>
    <message>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <source>Lỗi: {0}</source>
        <translation>Error: {0}</translation>
    </message>
</context>
<context>
    <name>DailyChart</name>
    <message>
        <source>Tiếp nhận và giải quyết theo ngày</source>
        <translation>Received and resolved per day</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
</context>
<context>
    <name>DailyLogPage</name>
    <message>
        <source>Làm mới (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>In sổ theo dõi (Ctrl+P)</source>
        <translation>Print the tracking book (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Ngày</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Quầy</source>
        <translation>&amp;Counter</translation>
    </message>
    <message>
        <source>Chỉ hồ &amp;sơ quá hạn</source>
        <translation>&amp;Overdue only</translation>
    </message>
    <message>
        <source>Thủ tụ&amp;c</source>
        <translation>P&amp;rocedure</translation>
    </message>
    <message>
        <source>Cán &amp;bộ</source>
        <translation>St&amp;aff</translation>
    </message>
    <message>
        <source>&amp;Trạng thái</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Máy trạm {0}</source>
        <translation>Workstation {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n hồ sơ</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> (trong %n hồ sơ của ngày)</source>
        <translation>
            <numerusform> (of %n dossier of the day)</numerusform>
            <numerusform> (of %n dossiers of the day)</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} quá hạn</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <source>Sổ theo dõi hồ sơ ngày {0}</source>
        <translation>Tracking book of {0}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Tự chọn</source>
        <translation>Chosen days</translation>
    </message>
    <message>
        <source>Toàn cơ quan (đã đồng bộ)</source>
        <translation>Whole agency (as synced)</translation>
    </message>
    <message>
        <source>Quầy này ({0})</source>
        <translation>This counter ({0})</translation>
    </message>
    <message>
        <source>Làm mới (F5)</source>
        <translation>Refresh (F5)</translation>
    </message>
    <message>
        <source>&amp;Kỳ</source>
        <translation>Pe&amp;riod</translation>
    </message>
    <message>
        <source>&amp;Từ</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>Đế&amp;n</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>Phạm &amp;vi</source>
        <translation>Sc&amp;ope</translation>
    </message>
    <message>
        <source>Tiếp nhận trong kỳ</source>
        <translation>Received in the period</translation>
    </message>
    <message>
        <source>Kỳ trước chuyển sang</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <source>Đúng hạn (gồm trước hạn)</source>
        <translation>On time (early included)</translation>
    </message>
    <message>
        <source>Trễ hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>Trễ hạn, đã xin lỗi</source>
        <translation>Late, with apology</translation>
    </message>
    <message>
        <source>Tỷ lệ đúng hạn</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Trong hạn</source>
        <translation>Within the limit</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Từ chối</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving officer</translation>
    </message>
    <message>
        <source>Thủ tục nhiều hồ sơ nhất</source>
        <translation>Busiest procedures</translation>
    </message>
    <message>
        <source>Cán bộ</source>
        <translation>Officers</translation>
    </message>
    <message>
        <source>Đến hạn trong 2 ngày làm việc</source>
        <translation>Due within 2 working days</translation>
    </message>
    <message>
        <source>Đang tải…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Số liệu đến {0} · hài lòng trở lên: {1} của {2} lượt đánh giá</source>
        <translation>Figures as of {0} · satisfied or better: {1} of {2} ratings</translation>
    </message>
    <message>
        <source>Quá hạn ({0})</source>
        <translation>Overdue ({0})</translation>
    </message>
    <message>
        <source>Đến hạn trong 2 ngày làm việc ({0})</source>
        <translation>Due within 2 working days ({0})</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Bấm vào một số để xem các hồ sơ</source>
        <translation>Click a number to see its dossiers</translation>
    </message>
</context>
<context>
    <name>DayEdit</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Gõ ngày (20/11/2026, 20/11 hoặc 20112026) rồi Enter; Ctrl+← / Ctrl+→: lùi / tiến một ngày; Alt+↓: lịch</source>
        <translation>Type a day (20/11/2026, 20/11 or 20112026), then Enter; Ctrl+← / Ctrl+→: a day back / forward; Alt+↓: calendar</translation>
    </message>
    <message>
        <source>Chọn trên lịch</source>
        <translation>Pick on the calendar</translation>
    </message>
    <message>
        <source>Không phải một ngày: {0}</source>
        <translation>Not a day: {0}</translation>
    </message>
</context>
<context>
    <name>DayListsView</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Mã yêu cầu / hồ sơ</source>
        <translation>Request / dossier</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi</source>
        <translation>Consignment number</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Phát kết quả</source>
        <translation>Deliveries</translation>
    </message>
    <message>
        <source>Thu gom hồ sơ</source>
        <translation>Pickups</translation>
    </message>
    <message>
        <source>Quá hạn với bưu điện</source>
        <translation>Overdue with the post</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Phát kết quả ({0} chờ giao)</source>
        <translation>Deliveries ({0} waiting)</translation>
    </message>
    <message>
        <source>Thu gom hồ sơ ({0} chờ nhận)</source>
        <translation>Pickups ({0} waiting)</translation>
    </message>
    <message>
        <source>Quá hạn với bưu điện ({0})</source>
        <translation>Overdue with the post ({0})</translation>
    </message>
    <message>
        <source> · phát lại {0}</source>
        <translation> · next attempt {0}</translation>
    </message>
    <message>
        <source>Phát</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Thu gom</source>
        <translation>Pickup</translation>
    </message>
</context>
<context>
    <name>DossierActions</name>
    <message>
        <source>Đã có &amp;kết quả</source>
        <translation>Result &amp;ready</translation>
    </message>
    <message>
        <source>&amp;Trả kết quả</source>
        <translation>&amp;Return result</translation>
    </message>
    <message>
        <source>Yêu cầu &amp;bổ sung</source>
        <translation>Request &amp;supplement</translation>
    </message>
    <message>
        <source>Đã bổ sung đủ</source>
        <translation>Supplement complete</translation>
    </message>
    <message>
        <source>Từ &amp;chối giải quyết</source>
        <translation>Re&amp;fuse</translation>
    </message>
    <message>
        <source>&amp;Gia hạn (xin lỗi)</source>
        <translation>E&amp;xtend (apology)</translation>
    </message>
    <message>
        <source>&amp;Dừng giải quyết</source>
        <translation>Stop processin&amp;g</translation>
    </message>
    <message>
        <source>In phiếu bổ sung</source>
        <translation>Print the supplement request</translation>
    </message>
    <message>
        <source>In phiếu từ chối</source>
        <translation>Print the refusal</translation>
    </message>
    <message>
        <source>In văn bản xin lỗi</source>
        <translation>Print the apology letter</translation>
    </message>
    <message>
        <source>In thông báo dừng</source>
        <translation>Print the stop notice</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã có kết quả, chờ trả</source>
        <translation>Dossier {0}: result ready</translation>
    </message>
    <message>
        <source>Trả kết quả cho người nhận</source>
        <translation>Return the result to the recipient</translation>
    </message>
    <message>
        <source>Họ tên người &amp;nhận</source>
        <translation>Recipient&apos;s &amp;name</translation>
    </message>
    <message>
        <source>Số &amp;giấy tờ người nhận</source>
        <translation>Recipient&apos;s &amp;ID number</translation>
    </message>
    <message>
        <source>Chưa nhập số giấy tờ của người nhận kết quả</source>
        <translation>The recipient&apos;s ID number is missing</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã trả kết quả</source>
        <translation>Dossier {0}: result returned</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request a supplement (form 02)</translation>
    </message>
    <message>
        <source>Mỗi dòng một giấy tờ cần bổ sung</source>
        <translation>One missing document per line</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã yêu cầu bổ sung</source>
        <translation>Dossier {0}: supplement requested</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã bổ sung đủ, tính lại hạn trả</source>
        <translation>Dossier {0}: supplement complete, due date recomputed</translation>
    </message>
    <message>
        <source>Từ chối giải quyết hồ sơ (Mẫu 03)</source>
        <translation>Refuse the dossier (form 03)</translation>
    </message>
    <message>
        <source>Mỗi dòng một lý do</source>
        <translation>One reason per line</translation>
    </message>
    <message>
        <source>&amp;Lý do từ chối</source>
        <translation>Reas&amp;ons for refusal</translation>
    </message>
    <message>
        <source>&amp;In lại giấy tiếp nhận</source>
        <translation>Reprin&amp;t the receipt</translation>
    </message>
    <message>
        <source>In phiếu kiểm &amp;soát</source>
        <translation>Print the &amp;control slip</translation>
    </message>
    <message>
        <source>Người nhận được người nộp ủy &amp;quyền (đã xem giấy ủy quyền)</source>
        <translation>Recipient &amp;authorised by the applicant (letter of authorisation seen)</translation>
    </message>
    <message>
        <source>Giấy tờ cần bổ s&amp;ung</source>
        <translation>&amp;Documents to add</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã từ chối</source>
        <translation>Dossier {0}: refused</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại ngày trả (Mẫu 04), chỉ một lần</source>
        <translation>Apologise and set a new due date (form 04), once only</translation>
    </message>
    <message>
        <source>Ngày hẹn &amp;mới</source>
        <translation>&amp;New due date</translation>
    </message>
    <message>
        <source>&amp;Lý do</source>
        <translation>Reas&amp;on</translation>
    </message>
    <message>
        <source>Hồ sơ đã &amp;trễ hạn (xin lỗi muộn, vẫn tính là trễ hạn)</source>
        <translation>Dossier already &amp;late (late apology, still counted late)</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã hẹn lại ngày trả</source>
        <translation>Dossier {0}: new due date given</translation>
    </message>
    <message>
        <source>Dừng giải quyết hồ sơ (Mẫu 05)</source>
        <translation>Stop processing the dossier (form 05)</translation>
    </message>
    <message>
        <source>&amp;Lý do dừng</source>
        <translation>Reas&amp;on for stopping</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã dừng giải quyết</source>
        <translation>Dossier {0}: processing stopped</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận hồ sơ</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Phiếu kiểm soát quá trình</source>
        <translation>Control slip</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung</source>
        <translation>Supplement request</translation>
    </message>
    <message>
        <source>Phiếu từ chối</source>
        <translation>Refusal</translation>
    </message>
    <message>
        <source>Văn bản xin lỗi, hẹn lại</source>
        <translation>Apology and new date</translation>
    </message>
    <message>
        <source>Thông báo dừng giải quyết</source>
        <translation>Stop notice</translation>
    </message>
</context>
<context>
    <name>DossierModel</name>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Số giấy tờ</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>quá hạn</source>
        <translation>overdue</translation>
    </message>
</context>
<context>
    <name>DossierPanel</name>
    <message>
        <source>được ủy quyền</source>
        <translation>authorised</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Sự kiện</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Quá trình xử lý</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Chưa mở hồ sơ nào.</source>
        <translation>No dossier open.</translation>
    </message>
    <message>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số giấy tờ</source>
        <translation>ID number</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>(đã gia hạn)</source>
        <translation>(extended)</translation>
    </message>
    <message>
        <source>Lệ phí</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trao cho người nhận:&lt;/b&gt; kết quả giải quyết thủ tục «{0}».</source>
        <translation>&lt;b&gt;Hand over:&lt;/b&gt; the result of the procedure «{0}».</translation>
    </message>
    <message>
        <source>Thu lại Giấy tiếp nhận (liên 2); kiểm tra giấy tờ tùy thân của người nhận; người nhận thay phải có giấy ủy quyền.</source>
        <translation>Take back the receipt (copy 2); check the recipient&apos;s ID; someone collecting for the applicant needs a written authorisation.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Lưu ý:&lt;/b&gt; hồ sơ đăng ký trả kết quả qua bưu điện tại: {0}</source>
        <translation>&lt;b&gt;Note:&lt;/b&gt; this dossier asked for delivery of the result by post to: {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chờ người nộp bổ sung:&lt;/b&gt; {0}. Hạn trả tính lại khi đủ hồ sơ.</source>
        <translation>&lt;b&gt;Waiting for the applicant to add:&lt;/b&gt; {0}. The due date is recomputed once complete.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chưa có kết quả.&lt;/b&gt; Hẹn trả: {0}.</source>
        <translation>&lt;b&gt;No result yet.&lt;/b&gt; Due: {0}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Đã trả kết quả&lt;/b&gt; lúc {0} cho {1}.</source>
        <translation>&lt;b&gt;Result returned&lt;/b&gt; at {0} to {1}.</translation>
    </message>
    <message>
        <source>Kết quả đang được bưu điện phát đến người nhận.</source>
        <translation>The post is delivering the result to the recipient.</translation>
    </message>
    <message>
        <source>Hồ sơ đã kết thúc: {0}.</source>
        <translation>The dossier is closed: {0}.</translation>
    </message>
    <message>
        <source>Giấy tờ đã nhận:</source>
        <translation>Documents received:</translation>
    </message>
</context>
<context>
    <name>DossierWindow</name>
    <message>
        <source>Hồ sơ {0}</source>
        <translation>Dossier {0}</translation>
    </message>
    <message>
        <source>Đang mở hồ sơ…</source>
        <translation>Opening the dossier…</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>{0}: {1} hồ sơ</source>
        <translation>{0}: {1} dossiers</translation>
    </message>
    <message>
        <source> (hiện {0} hồ sơ đầu tiên)</source>
        <translation> (showing the first {0})</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>Event</name>
    <message>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier received</translation>
    </message>
    <message>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <source>Đã bổ sung đủ hồ sơ</source>
        <translation>Supplement completed</translation>
    </message>
    <message>
        <source>Chuyển cơ quan giải quyết</source>
        <translation>Sent to the handling agency</translation>
    </message>
    <message>
        <source>Nhận kết quả từ cơ quan giải quyết</source>
        <translation>Result received from the handling agency</translation>
    </message>
    <message>
        <source>Xin lỗi và hẹn lại ngày trả</source>
        <translation>Apology and new due date</translation>
    </message>
    <message>
        <source>Trả kết quả tại quầy</source>
        <translation>Result returned at the counter</translation>
    </message>
    <message>
        <source>Từ chối giải quyết</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <source>Giao bưu điện phát kết quả</source>
        <translation>Handed to the post for delivery</translation>
    </message>
    <message>
        <source>Bưu điện phát không thành công</source>
        <translation>Delivery attempt failed</translation>
    </message>
    <message>
        <source>Bưu điện đã phát</source>
        <translation>Delivered by post</translation>
    </message>
    <message>
        <source>Chuyển hoàn về Bộ phận Một cửa</source>
        <translation>Returned to the one-stop counter</translation>
    </message>
    <message>
        <source>Đánh giá mức độ hài lòng</source>
        <translation>Satisfaction rating</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>HandoverBox</name>
    <message>
        <source>Giao nhận với bưu điện</source>
        <translation>Handover with the post</translation>
    </message>
    <message>
        <source>Giao kết quả cho bưu điện phát</source>
        <translation>Hand results to the post</translation>
    </message>
    <message>
        <source>Nhận hồ sơ bưu điện thu gom</source>
        <translation>Receive dossiers picked up by the post</translation>
    </message>
    <message>
        <source>Quét mã hồ sơ, rồi quét nhãn bưu gửi (số hiệu S10), Enter sau mỗi mã</source>
        <translation>Scan the dossier code, then the postal label (S10 number), Enter after each</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi</source>
        <translation>Consignment number</translation>
    </message>
    <message>
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Họ tên nhân viên bưu điện</source>
        <translation>Postman&apos;s name</translation>
    </message>
    <message>
        <source>Họ tên cán bộ Bộ phận Một cửa</source>
        <translation>Full name of the one-stop officer</translation>
    </message>
    <message>
        <source>Mã số nhân viên</source>
        <translation>Employee number</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>&amp;Bỏ dòng đã chọn</source>
        <translation>Remo&amp;ve selected line</translation>
    </message>
    <message>
        <source>&amp;Lập biên bản giao nhận</source>
        <translation>&amp;Make handover record</translation>
    </message>
    <message>
        <source>&amp;In biên bản</source>
        <translation>Print recor&amp;d</translation>
    </message>
    <message>
        <source>Loại:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>&amp;Quét:</source>
        <translation>Sc&amp;an:</translation>
    </message>
    <message>
        <source>Bưu tá:</source>
        <translation>Postman:</translation>
    </message>
    <message>
        <source>Cán bộ Một cửa:</source>
        <translation>One-stop officer:</translation>
    </message>
    <message>
        <source>Hồ sơ {0} ({1}): quét nhãn bưu gửi</source>
        <translation>Dossier {0} ({1}): scan the postal label</translation>
    </message>
    <message>
        <source>Quét hoặc gõ mã yêu cầu thu gom (hoặc nhấn đúp trên danh sách)</source>
        <translation>Scan or type the pickup request code (or double-click in the list)</translation>
    </message>
    <message>
        <source>Quét mã vạch hồ sơ trên kết quả (hoặc nhấn đúp trên danh sách)</source>
        <translation>Scan the dossier barcode on the result (or double-click in the list)</translation>
    </message>
    <message>
        <source>Lập biên bản hoặc bỏ các dòng đã quét trước khi đổi loại giao nhận</source>
        <translation>Make the record or remove the scanned rows before changing the kind of hand-over</translation>
    </message>
    <message>
        <source>Hãy quét mã hồ sơ trước, rồi mới quét nhãn bưu gửi</source>
        <translation>Scan the dossier code first, then the postal label</translation>
    </message>
    <message>
        <source>Không có yêu cầu thu gom {0} đang chờ giao nhận ngày này</source>
        <translation>No pickup request {0} waiting for a handover on this day</translation>
    </message>
    <message>
        <source>Hồ sơ {0} không có trong danh sách chờ giao bưu điện ngày này</source>
        <translation>Dossier {0} is not on this day&apos;s list for the post</translation>
    </message>
    <message>
        <source>Hồ sơ {0} đã có trong biên bản này</source>
        <translation>Dossier {0} is already in this record</translation>
    </message>
    <message>
        <source>Hồ sơ {0} không chờ giao nhận</source>
        <translation>Dossier {0} is not waiting for a handover</translation>
    </message>
    <message>
        <source>Hồ sơ {0} chưa có số hiệu bưu gửi: quét nhãn của nó, hoặc bỏ dòng đó</source>
        <translation>Dossier {0} has no consignment number yet: scan its label, or remove its row</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: {1}. Quét nhãn bưu gửi.</source>
        <translation>Dossier {0}: {1}. Scan the postal label.</translation>
    </message>
    <message>
        <source>Số hiệu bưu gửi không hợp lệ</source>
        <translation>Invalid consignment number</translation>
    </message>
    <message>
        <source>Số hiệu {0} đã ghép với hồ sơ {1}</source>
        <translation>Number {0} is already paired with dossier {1}</translation>
    </message>
    <message>
        <source>Đã ghép hồ sơ {0} với bưu gửi {1}</source>
        <translation>Dossier {0} paired with consignment {1}</translation>
    </message>
    <message>
        <source>(chờ quét nhãn)</source>
        <translation>(label not scanned yet)</translation>
    </message>
    <message>
        <source>&amp;Lập biên bản giao nhận ({0})</source>
        <translation>&amp;Make handover record ({0})</translation>
    </message>
    <message>
        <source>Chưa quét hồ sơ nào</source>
        <translation>Nothing scanned yet</translation>
    </message>
    <message numerus="yes">
        <source>Biên bản {0}: %n hồ sơ</source>
        <translation>
            <numerusform>Record {0}: %n dossier</numerusform>
            <numerusform>Record {0}: %n dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Đã lập biên bản {0} gồm %n hồ sơ. In để hai bên ký.</source>
        <translation>
            <numerusform>Record {0} made with %n dossier. Print it for both sides to sign.</numerusform>
            <numerusform>Record {0} made with %n dossiers. Print it for both sides to sign.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Tra cứu</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Sổ theo dõi</source>
        <translation>Daily log</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Bưu chính</source>
        <translation>Postal</translation>
    </message>
    <message>
        <source>Tài khoản</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>onestop · {0} · {1}</source>
        <translation>onestop · {0} · {1}</translation>
    </message>
    <message>
        <source>Trang bưu chính chưa có trong phiên bản này.</source>
        <translation>The postal page is not part of this version.</translation>
    </message>
    <message>
        <source>&amp;Hệ thống</source>
        <translation>&amp;System</translation>
    </message>
    <message>
        <source>Đổi &amp;mật khẩu…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <source>&amp;Máy in…</source>
        <translation>&amp;Printer…</translation>
    </message>
    <message>
        <source>&amp;Cài đặt cơ quan…</source>
        <translation>&amp;Office settings…</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ / Language</source>
        <translation>&amp;Language / Ngôn ngữ</translation>
    </message>
    <message>
        <source>Đồng bộ &amp;ngay</source>
        <translation>Sy&amp;nc now</translation>
    </message>
    <message>
        <source>Đăng &amp;xuất</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>&amp;Thoát</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>T&amp;rang</source>
        <translation>&amp;Pages</translation>
    </message>
    <message>
        <source>Trợ giú&amp;p</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Phím tắt</source>
        <translation>&amp;Keyboard shortcuts</translation>
    </message>
    <message>
        <source>&amp;Giới thiệu</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Kho dữ liệu: {0} · sẵn sàng</source>
        <translation>Store: {0} · ready</translation>
    </message>
    <message>
        <source>cục bộ</source>
        <translation>local</translation>
    </message>
    <message>
        <source>Đồng bộ: chưa cấu hình</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <source>Đang xử lý…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>CHẾ ĐỘ TRÌNH DIỄN</source>
        <translation>DEMO MODE</translation>
    </message>
    <message>
        <source>Đồng bộ: {0}</source>
        <translation>Sync: {0}</translation>
    </message>
    <message>
        <source>không đọc được trạng thái ({0})</source>
        <translation>status unavailable ({0})</translation>
    </message>
    <message>
        <source>chưa cấu hình máy chủ trung tâm</source>
        <translation>no central database set up</translation>
    </message>
    <message>
        <source>đang đồng bộ…</source>
        <translation>syncing…</translation>
    </message>
    <message>
        <source>lỗi, sẽ thử lại</source>
        <translation>failed, will retry</translation>
    </message>
    <message>
        <source>lần cuối {0}</source>
        <translation>last {0}</translation>
    </message>
    <message>
        <source>chưa đồng bộ lần nào</source>
        <translation>never synced</translation>
    </message>
    <message>
        <source>{0} sự kiện chờ gửi</source>
        <translation>{0} events to send</translation>
    </message>
    <message>
        <source>Đã đồng bộ: gửi {0}, nhận {1} sự kiện</source>
        <translation>Synced: {0} events sent, {1} received</translation>
    </message>
    <message>
        <source>Chưa đồng bộ được: {0}</source>
        <translation>Could not sync: {0}</translation>
    </message>
    <message>
        <source>Mật khẩu máy chủ trung tâm:</source>
        <translation>Central database password:</translation>
    </message>
    <message>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Kho dữ liệu: {0}</source>
        <translation>Store: {0}</translation>
    </message>
    <message>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Mật khẩu hiện tại</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Mật khẩu mới (ít nhất 8 ký tự)</source>
        <translation>New password (at least 8 characters)</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu mới</source>
        <translation>New password again</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu mới không khớp</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <source>Đã đổi mật khẩu</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Máy in mặc định của hệ thống</source>
        <translation>The system&apos;s default printer</translation>
    </message>
    <message>
        <source>Hỏi trước mỗi lần in</source>
        <translation>Ask before every print</translation>
    </message>
    <message>
        <source>để trống: in ra máy in</source>
        <translation>empty: print on the printer</translation>
    </message>
    <message>
        <source>In ra tệp PDF trong thư mục</source>
        <translation>Print to PDF files in the folder</translation>
    </message>
    <message>
        <source>Cài đặt cơ quan</source>
        <translation>Office settings</translation>
    </message>
    <message>
        <source> ngày</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Thời điểm ghi nhận (tiếp nhận, trả kết quả, ...) được ghi lùi tối đa chừng ấy ngày; nới rộng khi nhập hồ sơ của đợt mất điện dài hoặc chuyển dữ liệu cũ.</source>
        <translation>Times recorded (receipt, return, ...) may be back-dated by at most this many days; widen it to enter the dossiers of a long outage or to migrate old records.</translation>
    </message>
    <message>
        <source>Tên đơn vị trên biểu mẫu</source>
        <translation>Unit name on the forms</translation>
    </message>
    <message>
        <source>Điện thoại đơn vị</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>Số ngày được ghi lùi</source>
        <translation>Back-entry window</translation>
    </message>
    <message>
        <source>Đã lưu: ghi lùi tối đa {0} ngày</source>
        <translation>Saved: back-entry up to {0} days</translation>
    </message>
    <message>
        <source>Ctrl+Enter: lưu và in (tiếp nhận), xác nhận (các thao tác)</source>
        <translation>Ctrl+Enter: save and print (reception), confirm (actions)</translation>
    </message>
    <message>
        <source>Ctrl+N: hồ sơ mới · Ctrl+D: đủ tất cả giấy tờ</source>
        <translation>Ctrl+N: new dossier · Ctrl+D: all documents received</translation>
    </message>
    <message>
        <source>Enter trong ô quét mã: mở hồ sơ · Ctrl+T: trả kết quả · Ctrl+K: đã có kết quả</source>
        <translation>Enter in the scan field: open the dossier · Ctrl+T: return the result · Ctrl+K: result ready</translation>
    </message>
    <message>
        <source>Trong sổ theo dõi: F5 làm mới, Ctrl+P in sổ</source>
        <translation>In the daily log: F5 refreshes, Ctrl+P prints the book</translation>
    </message>
    <message>
        <source>F9: đồng bộ với máy chủ trung tâm</source>
        <translation>F9: sync with the central database</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L: đăng xuất · Ctrl+Q: thoát</source>
        <translation>Ctrl+Shift+L: sign out · Ctrl+Q: quit</translation>
    </message>
    <message>
        <source>Phím tắt</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Giới thiệu</source>
        <translation>About</translation>
    </message>
    <message>
        <source>onestop {0}
Phần mềm cho Bộ phận Tiếp nhận và Trả kết quả (Bộ phận Một cửa).</source>
        <translation>onestop {0}
Software for the reception and return counter (one-stop shop).</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Đóng thông báo</source>
        <translation>Close the message</translation>
    </message>
</context>
<context>
    <name>OutcomeBox</name>
    <message>
        <source>Kết quả phát</source>
        <translation>Delivery outcome</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Đã phát cho người nhận</source>
        <translation>Delivered to the recipient</translation>
    </message>
    <message>
        <source>Phát không thành công</source>
        <translation>Undeliverable</translation>
    </message>
    <message>
        <source>CCCD / CMND / hộ chiếu</source>
        <translation>Citizen ID / old ID / passport</translation>
    </message>
    <message>
        <source>Ví dụ: không có người nhận</source>
        <translation>E.g. nobody at home</translation>
    </message>
    <message>
        <source>Công dân (vắng nhà, sai địa chỉ)</source>
        <translation>Citizen (not at home, wrong address)</translation>
    </message>
    <message>
        <source>Cơ quan</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Bưu điện</source>
        <translation>Post office</translation>
    </message>
    <message>
        <source>&amp;Ghi kết quả phát</source>
        <translation>&amp;Record delivery outcome</translation>
    </message>
    <message>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <source>Kết quả:</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <source>Người nhận:</source>
        <translation>Recipient:</translation>
    </message>
    <message>
        <source>Số giấy tờ:</source>
        <translation>ID number:</translation>
    </message>
    <message>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Lỗi do:</source>
        <translation>Caused by:</translation>
    </message>
    <message>
        <source>Nhập hoặc quét mã hồ sơ</source>
        <translation>Type or scan a dossier code</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>; phát lại ngày {0}</source>
        <translation>; next attempt on {0}</translation>
    </message>
    <message>
        <source>; kết quả chuyển về Bộ phận Một cửa</source>
        <translation>; the result goes back to the one-stop counter</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>&amp;In (Enter)</source>
        <translation>&amp;Print (Enter)</translation>
    </message>
    <message>
        <source>&amp;Lưu tệp PDF… (Ctrl+S)</source>
        <translation>&amp;Save PDF file… (Ctrl+S)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Đã in ra tệp {1} ({0} trang)</source>
        <translation>Printed to the file {1} ({0} pages)</translation>
    </message>
    <message>
        <source>Đã in {0} trang</source>
        <translation>Printed {0} pages</translation>
    </message>
    <message>
        <source>Lưu tệp PDF</source>
        <translation>Save PDF file</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
</context>
<context>
    <name>PostFiles</name>
    <message>
        <source>&amp;Xuất danh sách bưu gửi...</source>
        <translation>E&amp;xport consignments...</translation>
    </message>
    <message>
        <source>Các bưu gửi đã giao trong ngày, ra tệp Excel (XLSX) hoặc CSV</source>
        <translation>The day&apos;s consignments handed over, to an Excel (XLSX) or CSV file</translation>
    </message>
    <message>
        <source>&amp;Nhập kết quả phát...</source>
        <translation>&amp;Import delivery outcomes...</translation>
    </message>
    <message>
        <source>Tệp trạng thái phát của bưu điện (XLSX hoặc CSV): ghi tất cả hoặc không ghi gì</source>
        <translation>The post office&apos;s delivery status file (XLSX or CSV): every row recorded, or none</translation>
    </message>
    <message>
        <source>Xuất danh sách bưu gửi ngày {0}</source>
        <translation>Export the consignments of {0}</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Đã xuất {0} bưu gửi ra tệp {1}</source>
        <translation>Exported {0} consignments to {1}</translation>
    </message>
    <message>
        <source>Ngày {0} chưa giao bưu gửi nào; đã tạo tệp trống {1}</source>
        <translation>No consignment was handed over on {0}; an empty file was written to {1}</translation>
    </message>
    <message>
        <source>Nhập kết quả phát của bưu điện</source>
        <translation>Import the post office&apos;s delivery outcomes</translation>
    </message>
    <message>
        <source>Excel hoặc CSV (*.xlsx *.csv)</source>
        <translation>Excel or CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Đã ghi {0} kết quả phát từ tệp {1} ({2} dòng đã có từ trước)</source>
        <translation>Recorded {0} delivery outcomes from {1} ({2} rows were already recorded)</translation>
    </message>
</context>
<context>
    <name>PostalPage</name>
    <message>
        <source>Làm &amp;mới</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>Hủ&amp;y yêu cầu thu gom...</source>
        <translation>&amp;Cancel pickup request...</translation>
    </message>
    <message>
        <source>Ngày:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Hủy yêu cầu thu gom đang chọn (bưu điện chưa nhận hồ sơ), ghi lý do</source>
        <translation>Cancel the selected pickup request (not collected by the post yet), with a reason</translation>
    </message>
    <message>
        <source>Chọn một yêu cầu đang chờ thu gom trên danh sách &apos;Thu gom hồ sơ&apos;</source>
        <translation>Choose a waiting request on the &apos;Pickups&apos; list</translation>
    </message>
    <message>
        <source>Hủy yêu cầu thu gom</source>
        <translation>Cancel pickup request</translation>
    </message>
    <message>
        <source>Lý do hủy yêu cầu thu gom của {0}:</source>
        <translation>Why is the pickup request of {0} cancelled?</translation>
    </message>
    <message>
        <source>Đã hủy yêu cầu thu gom của {0}: {1}</source>
        <translation>Cancelled the pickup request of {0}: {1}</translation>
    </message>
    <message>
        <source>Biên bản giao nhận {0}</source>
        <translation>Handover record {0}</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>Đánh giá mức độ hài lòng · {0}</source>
        <translation>Satisfaction rating · {0}</translation>
    </message>
    <message>
        <source>Ông/Bà có hài lòng với việc giải quyết hồ sơ hôm nay không?</source>
        <translation>Are you satisfied with how your dossier was handled today?</translation>
    </message>
    <message>
        <source>Hồ sơ {0}</source>
        <translation>Dossier {0}</translation>
    </message>
    <message>
        <source>Rất hài lòng</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>Hài lòng</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Không hài lòng</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>Bỏ qua (Esc)</source>
        <translation>Skip (Esc)</translation>
    </message>
    <message>
        <source>Đang ghi nhận…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <source>Hồ sơ {0}: đã ghi nhận đánh giá</source>
        <translation>Dossier {0}: rating recorded</translation>
    </message>
</context>
<context>
    <name>ReceptionDesk</name>
    <message>
        <source>Cảnh báo trước khi lưu</source>
        <translation>Warning before saving</translation>
    </message>
    <message>
        <source>Vẫn tiếp nhận hồ sơ này?</source>
        <translation>Receive this dossier all the same?</translation>
    </message>
    <message>
        <source>Chưa lưu: hãy xem lại cảnh báo.</source>
        <translation>Not saved: review the warning.</translation>
    </message>
</context>
<context>
    <name>ReceptionForm</name>
    <message>
        <source>Gõ mã hoặc tên thủ tục (không cần dấu), Enter để chọn</source>
        <translation>Type the code or name of the procedure (diacritics optional), Enter picks</translation>
    </message>
    <message>
        <source>Trường hợp (&amp;L)</source>
        <translation>Case (&amp;K)</translation>
    </message>
    <message>
        <source>Đủ giấy tờ bắt buộc (Ctrl+D)</source>
        <translation>All required documents received (Ctrl+D)</translation>
    </message>
    <message>
        <source>Cá &amp;nhân</source>
        <translation>&amp;Individual</translation>
    </message>
    <message>
        <source>Nhận tại &amp;quầy</source>
        <translation>At the &amp;counter</translation>
    </message>
    <message>
        <source>Trả tận nhà qua &amp;bưu điện (miễn phí)</source>
        <translation>&amp;Free home delivery by post</translation>
    </message>
    <message>
        <source>Địa chỉ nhận kết quả (lấy từ địa chỉ người nộp)</source>
        <translation>Delivery address (from the applicant&apos;s address)</translation>
    </message>
    <message>
        <source>Lưu và in giấy tiếp nhận (Ctrl+Enter)</source>
        <translation>Save and print the receipt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Hồ sơ mới (Ctrl+N)</source>
        <translation>New dossier (Ctrl+N)</translation>
    </message>
    <message>
        <source>Hồ sơ chưa đủ giấy tờ: không cấp giấy tiếp nhận</source>
        <translation>Documents missing: no receipt is issued</translation>
    </message>
    <message>
        <source>Tổ chức</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>In phiếu yêu cầu bổ s&amp;ung (Mẫu 02)</source>
        <translation>Print the supple&amp;ment request (form 02)</translation>
    </message>
    <message>
        <source>In phiếu từ chối tiếp nhận (&amp;Mẫu 03)</source>
        <translation>Print the refusa&amp;l (form 03)</translation>
    </message>
    <message>
        <source>Quay lại (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>Nội dung hướng dẫn (mỗi dòng một mục):</source>
        <translation>Guidance (one item per line):</translation>
    </message>
    <message>
        <source>Họ và &amp;tên</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Số &amp;giấy tờ</source>
        <translation>I&amp;D number</translation>
    </message>
    <message>
        <source>Điện th&amp;oại</source>
        <translation>Ph&amp;one</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>Đị&amp;a chỉ</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <source>Trả kết quả</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Số bộ hồ &amp;sơ</source>
        <translation>N&amp;umber of sets</translation>
    </message>
    <message>
        <source>Gh&amp;i chú</source>
        <translation>No&amp;tes</translation>
    </message>
    <message>
        <source>Thủ tụ&amp;c</source>
        <translation>P&amp;rocedure</translation>
    </message>
    <message>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Thủ tục và giấy tờ</source>
        <translation>Procedure and documents</translation>
    </message>
    <message>
        <source>Giấy tờ đã nhận (Space đánh dấu):</source>
        <translation>Documents received (Space ticks):</translation>
    </message>
    <message>
        <source>Hẹn trả kết quả</source>
        <translation>Result due</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>{0} giờ làm việc</source>
        <translation>{0} working hours</translation>
    </message>
    <message>
        <source>Trong ngày</source>
        <translation>Same day</translation>
    </message>
    <message>
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <source>Họ và &amp;tên</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <source>Lĩnh vực: {0} · Thời hạn: {1} · Lệ phí: {2}{3}</source>
        <translation>Field: {0} · Time limit: {1} · Fee: {2}{3}</translation>
    </message>
    <message>
        <source>1 giờ làm việc</source>
        <translation>1 working hour</translation>
    </message>
    <message>
        <source>1 ngày</source>
        <translation>1 day</translation>
    </message>
    <message>
        <source>{0} ngày</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <source>1 ngày làm việc</source>
        <translation>1 working day</translation>
    </message>
    <message>
        <source>không nhận/trả qua bưu điện</source>
        <translation>no postal intake or delivery</translation>
    </message>
    <message>
        <source>Còn thiếu {0}/{1} giấy tờ</source>
        <translation>{0} of {1} documents missing</translation>
    </message>
    <message>
        <source>Đã nhận đủ {0} giấy tờ</source>
        <translation>All {0} documents received</translation>
    </message>
    <message>
        <source>Chọn thủ tục để tính ngày hẹn trả</source>
        <translation>Choose a procedure to compute the due date</translation>
    </message>
    <message>
        <source>Hẹn trả: {0}</source>
        <translation>Due: {0}</translation>
    </message>
    <message>
        <source>(dự kiến: lịch nghỉ lễ chưa công bố)</source>
        <translation>(estimated: holidays not announced yet)</translation>
    </message>
    <message>
        <source>Thời hạn giải quyết: {0} · Lệ phí: {1}</source>
        <translation>Time limit: {0} · Fee: {1}</translation>
    </message>
    <message>
        <source>&amp;Tên tổ chức</source>
        <translation>Organisation &amp;name</translation>
    </message>
    <message>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <source>Chưa chọn trường hợp của thủ tục</source>
        <translation>No case of the procedure chosen</translation>
    </message>
    <message>
        <source>Chưa nhập họ tên người nộp hồ sơ</source>
        <translation>The applicant&apos;s name is missing</translation>
    </message>
    <message>
        <source>Hồ sơ chưa được lưu: hãy sửa các ô báo đỏ.</source>
        <translation>Not saved: correct the fields marked red.</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Vừa tiếp nhận: &lt;b&gt;{0}&lt;/b&gt; · {1} · hẹn trả {2}</source>
        <translation>Just received: &lt;b&gt;{0}&lt;/b&gt; · {1} · due {2}</translation>
    </message>
    <message>
        <source>Đã tiếp nhận hồ sơ {0}</source>
        <translation>Dossier {0} received</translation>
    </message>
    <message>
        <source>Giấy tiếp nhận hồ sơ {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <source>Hồ sơ chưa được lưu: {0}</source>
        <translation>Not saved: {0}</translation>
    </message>
    <message>
        <source>Còn thiếu {0} giấy tờ: in phiếu hướng dẫn bổ sung hoặc từ chối tiếp nhận.</source>
        <translation>{0} documents missing: print the supplement request or the refusal.</translation>
    </message>
    <message>
        <source>Phiếu yêu cầu bổ sung</source>
        <translation>Supplement request</translation>
    </message>
    <message>
        <source>Phiếu từ chối tiếp nhận</source>
        <translation>Refusal at the counter</translation>
    </message>
    <message>
        <source>Đã ghi nhận hướng dẫn cho {0}</source>
        <translation>Guidance recorded for {0}</translation>
    </message>
    <message>
        <source>— Chọn trường hợp —</source>
        <translation>— Choose the case —</translation>
    </message>
    <message>
        <source>nếu có</source>
        <translation>if any</translation>
    </message>
    <message>
        <source>không bắt buộc: {0}</source>
        <translation>not required: {0}</translation>
    </message>
</context>
<context>
    <name>ReturnPage</name>
    <message>
        <source>Quét mã vạch, gõ mã hồ sơ, hoặc tên, số điện thoại rồi Enter</source>
        <translation>Scan the barcode, or type a dossier code, a name or a phone number, then Enter</translation>
    </message>
    <message>
        <source>&amp;Mã hồ sơ</source>
        <translation>&amp;Dossier code</translation>
    </message>
    <message>
        <source>Đang tìm {0}…</source>
        <translation>Looking for {0}…</translation>
    </message>
    <message>
        <source>Tìm “{0}” trong kết quả chờ trả: chọn một dòng rồi Enter</source>
        <translation>Results waiting that match “{0}”: pick a row, then Enter</translation>
    </message>
    <message>
        <source>Không có kết quả chờ trả nào khớp “{0}”</source>
        <translation>No result waiting matches “{0}”</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ: {0}</source>
        <translation>Dossier not found: {0}</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Cán bộ một cửa</source>
        <translation>Counter staff</translation>
    </message>
    <message>
        <source>Nhân viên bưu điện</source>
        <translation>Postal staff</translation>
    </message>
    <message>
        <source>Lãnh đạo</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Quản trị hệ thống</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <source>Mã hồ sơ, tên người nộp (gõ không dấu được), số giấy tờ hoặc số điện thoại</source>
        <translation>Dossier code, applicant&apos;s name (diacritics optional), ID number or phone</translation>
    </message>
    <message>
        <source>&amp;Tìm</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Không tìm thấy hồ sơ nào</source>
        <translation>No dossier found</translation>
    </message>
    <message>
        <source> (cuộn xuống để xem thêm)</source>
        <translation> (scroll down for more)</translation>
    </message>
    <message numerus="yes">
        <source>%n hồ sơ, mới nhất trước</source>
        <translation>
            <numerusform>%n dossier, newest first</numerusform>
            <numerusform>%n dossiers, newest first</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>onestop · Đăng nhập</source>
        <translation>onestop · Sign in</translation>
    </message>
    <message>
        <source>Bộ phận Tiếp nhận và Trả kết quả</source>
        <translation>Reception and Return of Results</translation>
    </message>
    <message>
        <source>Đăng nhập (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <source>Đang mở kho dữ liệu…</source>
        <translation>Opening the store…</translation>
    </message>
    <message>
        <source>&amp;Tên đăng nhập</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Mật khẩu</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Máy trạm chưa có tài khoản nào. Quản trị viên tạo tài khoản đầu tiên bằng lệnh: onestop user add TÊN --role admin</source>
        <translation>This workstation has no accounts yet. The administrator creates the first one with: onestop user add NAME --role admin</translation>
    </message>
    <message>
        <source>Chương trình thiếu một thành phần: {0}. Hãy cài đặt lại onestop.</source>
        <translation>A part of the program is missing: {0}. Please reinstall onestop.</translation>
    </message>
    <message>
        <source>Không mở được kho dữ liệu: {0}</source>
        <translation>Cannot open the store: {0}</translation>
    </message>
    <message>
        <source>Chạy lệnh &apos;onestop doctor&apos; để biết chi tiết.</source>
        <translation>Run &apos;onestop doctor&apos; for details.</translation>
    </message>
    <message>
        <source>Chế độ trình diễn: chọn một tài khoản mẫu (mật khẩu {0}), Enter để đăng nhập</source>
        <translation>Demo mode: pick a sample account (password {0}), Enter signs in</translation>
    </message>
    <message>
        <source>Chưa nhập tên đăng nhập</source>
        <translation>Enter your user name</translation>
    </message>
    <message>
        <source>Chưa nhập mật khẩu</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>Đang mở kho dữ liệu, chờ một chút…</source>
        <translation>Opening the store, one moment…</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Đã tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <source>Đã chuyển xử lý</source>
        <translation>With the handling agency</translation>
    </message>
    <message>
        <source>Có kết quả, chờ trả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Đã trả kết quả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Bưu điện đang phát</source>
        <translation>Out for delivery</translation>
    </message>
    <message>
        <source>Đã phát tận nhà</source>
        <translation>Delivered home</translation>
    </message>
    <message>
        <source>Phát không thành công</source>
        <translation>Undeliverable</translation>
    </message>
    <message>
        <source>Từ chối giải quyết</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Dừng giải quyết</source>
        <translation>Processing stopped</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Khóa / mở khóa</source>
        <translation>&amp;Lock / unlock</translation>
    </message>
    <message>
        <source>&amp;Gỡ tạm khóa đăng nhập</source>
        <translation>Lift the sign-in loc&amp;k</translation>
    </message>
    <message>
        <source>Tài khoản bị tạm khóa sau nhiều lần nhập sai mật khẩu được đăng nhập lại ngay</source>
        <translation>An account locked after repeated wrong passwords can sign in again at once</translation>
    </message>
    <message>
        <source>&amp;Tạo tài khoản</source>
        <translation>&amp;Create account</translation>
    </message>
    <message>
        <source>Đặt &amp;mật khẩu mới</source>
        <translation>Set new pass&amp;word</translation>
    </message>
    <message>
        <source>Mật khẩu (ít nhất 8 ký tự)</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>Nhập lại mật khẩu</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>Tài khoản mới, hoặc mật khẩu mới cho tài khoản đã có</source>
        <translation>New account, or new password for an existing one</translation>
    </message>
    <message>
        <source>Các tài khoản trên máy trạm này</source>
        <translation>Accounts on this workstation</translation>
    </message>
    <message>
        <source>Hoạt động</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Đã khóa</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>Tạm khóa đăng nhập đến {0}</source>
        <translation>Sign-in locked until {0}</translation>
    </message>
    <message>
        <source>Hai lần nhập mật khẩu không khớp</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>Đã tạo tài khoản {0}</source>
        <translation>Account {0} created</translation>
    </message>
    <message>
        <source>Đã đặt mật khẩu mới cho {0}</source>
        <translation>New password set for {0}</translation>
    </message>
    <message>
        <source>Không thể tự khóa tài khoản đang đăng nhập</source>
        <translation>You cannot lock the account you are signed in with</translation>
    </message>
    <message>
        <source>Đã mở khóa {0}</source>
        <translation>{0} unlocked</translation>
    </message>
    <message>
        <source>Đã khóa {0}</source>
        <translation>{0} locked</translation>
    </message>
    <message>
        <source>Đã gỡ tạm khóa đăng nhập của {0}</source>
        <translation>Sign-in lock lifted for {0}</translation>
    </message>
</context>
<context>
    <name>WaitingList</name>
    <message>
        <source>Kết quả chờ trả</source>
        <translation>Results waiting</translation>
    </message>
    <message>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <source>Đã chờ</source>
        <translation>Waited</translation>
    </message>
    <message numerus="yes">
        <source>%n ngày</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n giờ</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Kết quả chờ trả khớp “{0}”: {1}</source>
        <translation>Results waiting that match “{0}”: {1}</translation>
    </message>
    <message>
        <source>Kết quả chờ trả: {0}</source>
        <translation>Results waiting: {0}</translation>
    </message>
</context>
<context>
    <name>Weekday</name>
    <message>
        <source>Thứ Hai</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Thứ Ba</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Thứ Tư</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thứ Năm</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Thứ Sáu</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Thứ Bảy</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Chủ Nhật</source>
        <translation>Sunday</translation>
    </message>
</context>
<context>
    <name>WeeklyChart</name>
    <message>
        <source>Tỷ lệ giải quyết đúng hạn theo tuần (%)</source>
        <translation>On-time rate per week (%)</translation>
    </message>
    <message>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
</context>
</TS>
