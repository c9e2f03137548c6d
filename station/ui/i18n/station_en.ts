<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BenchWindow</name>
    <message>
        <location filename="../window.py" line="54" />
        <location filename="../window.py" line="321" />
        <source>Station — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../window.py" line="133" />
        <source>&amp;Bench</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../window.py" line="284" />
        <source>Operator: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../window.py" line="293" />
        <source>Operator: {0} · lead {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lead console…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../window.py" line="147" />
        <source>Pick a batch…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../commands.py" line="56" />
        <source>Next order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="57" />
        <source>Undo last scan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="58" />
        <source>New parcel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="59" />
        <source>Weigh parcel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="60" />
        <source>Mark missing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="61" />
        <source>Hold order…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="62" />
        <source>Print packing slip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="63" />
        <source>Reprint labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="64" />
        <source>Put order back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="65" />
        <source>Bench</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="66" />
        <source>Order queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="67" />
        <source>Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="68" />
        <source>Scanner test…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="70" />
        <source>Lead override…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="71" />
        <source>Lock bench</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="72" />
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../commands.py" line="69" />
        <source>Print jobs…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DoneView</name>
    <message>
        <location filename="../done_view.py" line="34" />
        <source>Last order packed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="38" />
        <source>Each label goes on the parcel in its row.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Label (tracking)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>goes on</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Box</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../done_view.py" line="49" />
        <source>parcel {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <location filename="../health_panel.py" line="37" />
        <source>Scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../health_panel.py" line="38" />
        <source>Scanner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../health_panel.py" line="84" />
        <source>Silence the alarm</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../health_panel.py" line="39" />
        <source>Printer</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../hold_dialog.py" line="18" />
        <source>Hold order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../hold_dialog.py" line="27" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Scanned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Item</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>SKU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Bin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="104" />
        <source>lot</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="105" />
        <source>expiry date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="106" />
        <source>serial number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lines.py" line="112" />
        <source>scan the GS1 code with its {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OrderHeader</name>
    <message>
        <location filename="../header.py" line="63" />
        <source>Order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../header.py" line="68" />
        <source>Cash on delivery: € {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="17" />
        <source>%n unit(s) left to scan, of {0}</source>
        <translation>
            <numerusform>%n unit left to scan, of {0}</numerusform>
            <numerusform>%n units left to scan, of {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="72" />
        <source>Customer note: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../header.py" line="76" />
        <source>No cut-off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../header.py" line="80" />
        <source>Cut-off {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ParcelsView</name>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Parcel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Box</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Expected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../parcels.py" line="71" />
        <source>weighing…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../print_dialog.py" line="65" />
        <source>Print jobs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Job</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <source>Tries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="75" />
        <source>Printed today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="94" />
        <source>Retry (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="95" />
        <source>Redirect… (Ctrl+R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="96" />
        <source>Discard (Del)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="97" />
        <source>Reprint (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="98" />
        <source>Close (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="111" />
        <source>This bench prints on {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="114" />
        <source>Not printed: {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="114" />
        <source>Nothing failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="150" />
        <source>Send to another printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="151" />
        <source>Printer (folder, folder:DIR, zpl:HOST:PORT, cups:QUEUE or qt:NAME):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="34" />
        <source>Label {0}, parcel {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../print_dialog.py" line="37" />
        <source>Packing slip {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrintStatus</name>
    <message numerus="yes">
        <location filename="../print_status.py" line="47" />
        <source>%n print(s) failed (Ctrl+P)</source>
        <translation>
            <numerusform>%n print failed (Ctrl+P)</numerusform>
            <numerusform>%n prints failed (Ctrl+P)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../print_status.py" line="85" />
        <source>Printed: {0} on {1}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../queue_model.py" line="46" />
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="47" />
        <source>Status</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="48" />
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="49" />
        <source>Cut-off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="50" />
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="51" />
        <source>Customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="52" />
        <source>Bench</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../queue_screen.py" line="38" />
        <source>Search: order number or customer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_screen.py" line="41" />
        <source>All statuses</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_screen.py" line="45" />
        <source>All carriers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_screen.py" line="67" />
        <source>&amp;Search:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_screen.py" line="69" />
        <source>S&amp;tatus:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_screen.py" line="71" />
        <source>&amp;Carrier:</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location filename="../queue_screen.py" line="108" />
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultBanner</name>
    <message>
        <location filename="../banner.py" line="45" />
        <source>WRONG ITEM</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../banner.py" line="46" />
        <source>UNKNOWN CODE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../banner.py" line="47" />
        <source>ALREADY PACKED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../banner.py" line="48" />
        <source>CHECK THE WEIGHT</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ScannerTestDialog</name>
    <message>
        <location filename="../scanner_test.py" line="31" />
        <source>Scanner test</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="36" />
        <source>Scan the scanner test barcode on the demo sheet. It reads {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="41" />
        <source>Waiting for a scan…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="51" />
        <source>&amp;Use these layouts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="68" />
        <source>Received: {0}    As read now: {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="70" />
        <source>The scanner reads correctly.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="81" />
        <source>The scanner types for a {0} keyboard into a {1} one. Use these layouts and the codes will read right.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../scanner_test.py" line="87" />
        <source>This is not the test code: scan the test barcode.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="64" />
        <source>Bench settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="68" />
        <source>Folder (files, no printer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="69" />
        <source>System default printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="73" />
        <source>a system printer, folder, cups:QUEUE, or zpl:HOST:PORT for a label printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="75" />
        <source>Simulated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="75" />
        <source>None: type the weight</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="76" />
        <source>Simulated, through the serial driver</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>Not watched</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>The keyboard scanner&apos;s /dev/input/by-id link: the bench shows when it is unplugged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>Keyboard scanner &amp;device:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="80" />
        <source>empty: a keyboard scanner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82" />
        <source>A serial scanner's port (e.g. /dev/ttyACM0): its health shows on the bench</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="98" />
        <source> min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="99" />
        <source>never</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="101" />
        <source>Full screen (kiosk)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="110" />
        <source>&amp;Bench name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="111" />
        <source>&amp;Printer:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="112" />
        <source>S&amp;cale:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="113" />
        <source>Serial scanner p&amp;ort:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="114" />
        <source>Scanner &amp;layout:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="115" />
        <source>&amp;Keyboard layout:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116" />
        <source>Weight tolerance (&amp;g):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="117" />
        <source>Weight tolerance (&amp;%):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="119" />
        <source>L&amp;anguage:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="120" />
        <source>Lock &amp;after idle:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="134" />
        <source>Warehouse &amp;hub:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="148" />
        <source>&amp;Join</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../settings_dialog.py" line="1" />
        <source>Joining the hub…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../signin.py" line="48" />
        <source>PIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="66" />
        <source>Demo: scan a badge or type a PIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="68" />
        <source>lead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="68" />
        <source>operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="69" />
        <source>{0} ({1}): badge {2}, PIN {3}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="82" />
        <source>Lead sign-in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="84" />
        <source>A lead types their PIN to override. Esc goes back to the bench.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="87" />
        <source>Bench locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="89" />
        <source>{0} was signed in. Scan your badge or type your PIN and Enter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="94" />
        <source>Sign in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../signin.py" line="95" />
        <source>Scan your badge, or type your PIN and press Enter.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SoundPlayer</name>
    <message>
        <location filename="../sound.py" line="51" />
        <source>No sound: Qt Multimedia is not installed on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../sound.py" line="54" />
        <source>No sound: this computer has no audio output.</source>
        <translation>No sound: this computer has no audio output.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../queue_model.py" line="133" />
        <source>queued</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="134" />
        <source>packing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="135" />
        <source>held</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="136" />
        <source>shipped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../queue_model.py" line="137" />
        <source>cancelled</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../lead_models.py" line="120" />
        <source>Bench</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="121" />
        <source>Operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="122" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="123" />
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="124" />
        <source>Last scan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="125" />
        <source>Assigned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="126" />
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="127" />
        <source>Replication</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="141" />
        <source>Offline (last heard {0})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="143" />
        <source>Packing order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="145" />
        <source>Weighing order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="146" />
        <source>Idle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="161" />
        <source>not reported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>ok</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>warning</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>FAILED</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>scale {0} · printer {1} · scanner {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>on its own</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} s behind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} min behind</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarrierModel</name>
    <message>
        <location filename="../lead_models.py" line="236" />
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="237" />
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="238" />
        <source>At risk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="239" />
        <source>Late</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="240" />
        <source>Next pick-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="241" />
        <source>Time left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Packed per hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>– (the warehouse's)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ClockModel</name>
    <message>
        <location filename="../lead_models.py" line="179" />
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="180" />
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="181" />
        <source>Pick-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="182" />
        <source>Time left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="183" />
        <source>Priority</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="184" />
        <source>Where</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="185" />
        <source>Flag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="206" />
        <source>Late</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="206" />
        <source>At risk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="211" />
        <source>packing at {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="211" />
        <source>for {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="213" />
        <source>queue</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FiguresPane</name>
    <message>
        <location filename="../lead_figures.py" line="44" />
        <source>This shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="45" />
        <source>Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="47" />
        <source>Export CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="52" />
        <source>Orders and units per packer-hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="53" />
        <source>Scan errors by kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="86" />
        <source>{0}: {1} to {2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="97" />
        <source>Everyone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_figures.py" line="142" />
        <source>Export figures</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Held order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Pick-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Why</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadConsole</name>
    <message>
        <location filename="../lead_window.py" line="109" />
        <source>Lead console — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="147" />
        <source>Board</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="148" />
        <source>Queue against the clock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="149" />
        <source>Figures</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="183" />
        <source>&amp;Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="185" />
        <source>Move to a bench…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="186" />
        <source>Unassign (back to the queue)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="187" />
        <source>Hold…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="188" />
        <source>Release</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="189" />
        <source>Bump to the head of the queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="190" />
        <source>Set priority…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="191" />
        <source>Export figures (CSV)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="223" />
        <source>{0} open orders · packing rate {1} orders/hour (last hour)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="268" />
        <source>Move order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="268" />
        <source>Bench:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="283" />
        <source>Hold order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="283" />
        <source>Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="307" />
        <source>Priority of order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="308" />
        <source>Priority:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Assign to an operator…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Assign order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Operator:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="1" />
        <source>Picking shorts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="1" />
        <source>Labels waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Void an order's shipment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Void a shipment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Order number:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LeadTimes</name>
    <message>
        <location filename="../lead_models.py" line="39" />
        <source>{0} s ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="41" />
        <source>{0} min ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="42" />
        <source>{0} h ago</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="50" />
        <source>{0} min late</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="51" />
        <source>{0} h {1:02d} min</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PickWindow</name>
    <message>
        <location filename="../pick_window.py" line="74" />
        <source>Station: picking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="126" />
        <source>Taking a batch…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="153" />
        <source>Batch done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="153" />
        <source>No batch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="159" />
        <source>Tote {0} of {1}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="160" />
        <source>TOTES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="161" />
        <source>Order {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="162" />
        <source>Scan an empty tote</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../pick_window.py" line="165" />
        <source>Stop {0} of {1} · order {2}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ShortsModel</name>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>When</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Bin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Product</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Found</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Picker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Tote</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} of {1}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LabelsModel</name>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Order</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Parcel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Packed at</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Why</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
