<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>BenchWindow</name>
    <message>
        <location filename="../window.py" line="54" />
        <location filename="../window.py" line="321" />
        <source>Station — {0}</source>
        <translation>Station — {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="133" />
        <source>&amp;Bench</source>
        <translation>&amp;Banco</translation>
    </message>
    <message>
        <location filename="../window.py" line="284" />
        <source>Operator: {0}</source>
        <translation>Operatore: {0}</translation>
    </message>
    <message>
        <location filename="../window.py" line="293" />
        <source>Operator: {0} · lead {1}</source>
        <translation>Operatore: {0} · capoturno {1}</translation>
    </message>
    <message>
        <source>Lead console…</source>
        <translation>Console del capoturno…</translation>
    </message>
    <message>
        <location filename="../window.py" line="147" />
        <source>Pick a batch…</source>
        <translation>Preleva un giro…</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../commands.py" line="56" />
        <source>Next order</source>
        <translation>Ordine successivo</translation>
    </message>
    <message>
        <location filename="../commands.py" line="57" />
        <source>Undo last scan</source>
        <translation>Annulla ultima scansione</translation>
    </message>
    <message>
        <location filename="../commands.py" line="58" />
        <source>New parcel</source>
        <translation>Nuovo collo</translation>
    </message>
    <message>
        <location filename="../commands.py" line="59" />
        <source>Weigh parcel</source>
        <translation>Pesa collo</translation>
    </message>
    <message>
        <location filename="../commands.py" line="60" />
        <source>Mark missing</source>
        <translation>Segna mancanti</translation>
    </message>
    <message>
        <location filename="../commands.py" line="61" />
        <source>Hold order…</source>
        <translation>Sospendi ordine…</translation>
    </message>
    <message>
        <location filename="../commands.py" line="62" />
        <source>Print packing slip</source>
        <translation>Stampa distinta</translation>
    </message>
    <message>
        <location filename="../commands.py" line="63" />
        <source>Reprint labels</source>
        <translation>Ristampa etichette</translation>
    </message>
    <message>
        <location filename="../commands.py" line="64" />
        <source>Put order back</source>
        <translation>Rimetti in coda</translation>
    </message>
    <message>
        <location filename="../commands.py" line="65" />
        <source>Bench</source>
        <translation>Banco</translation>
    </message>
    <message>
        <location filename="../commands.py" line="66" />
        <source>Order queue</source>
        <translation>Coda ordini</translation>
    </message>
    <message>
        <location filename="../commands.py" line="67" />
        <source>Settings…</source>
        <translation>Impostazioni…</translation>
    </message>
    <message>
        <location filename="../commands.py" line="68" />
        <source>Scanner test…</source>
        <translation>Prova scanner…</translation>
    </message>
    <message>
        <location filename="../commands.py" line="70" />
        <source>Lead override…</source>
        <translation>Forzatura capoturno…</translation>
    </message>
    <message>
        <location filename="../commands.py" line="71" />
        <source>Lock bench</source>
        <translation>Blocca banco</translation>
    </message>
    <message>
        <location filename="../commands.py" line="72" />
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <location filename="../commands.py" line="69" />
        <source>Print jobs…</source>
        <translation>Stampe…</translation>
    </message>
</context>
<context>
    <name>DoneView</name>
    <message>
        <location filename="../done_view.py" line="34" />
        <source>Last order packed: {0}</source>
        <translation>Ultimo ordine imballato: {0}</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="38" />
        <source>Each label goes on the parcel in its row.</source>
        <translation>Ogni etichetta va sul collo della sua riga.</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Label (tracking)</source>
        <translation>Etichetta (tracking)</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>goes on</source>
        <translation>va sul</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Box</source>
        <translation>Scatola</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="43" />
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../done_view.py" line="49" />
        <source>parcel {0}</source>
        <translation>collo {0}</translation>
    </message>
</context>
<context>
    <name>HealthPanel</name>
    <message>
        <location filename="../health_panel.py" line="37" />
        <source>Scale</source>
        <translation>Bilancia</translation>
    </message>
    <message>
        <location filename="../health_panel.py" line="38" />
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../health_panel.py" line="84" />
        <source>Silence the alarm</source>
        <translation>Silenzia l'allarme</translation>
    </message>
    <message>
        <location filename="../health_panel.py" line="39" />
        <source>Printer</source>
        <translation>Stampante</translation>
    </message>
</context>
<context>
    <name>HoldDialog</name>
    <message>
        <location filename="../hold_dialog.py" line="18" />
        <source>Hold order</source>
        <translation>Sospendi ordine</translation>
    </message>
    <message>
        <location filename="../hold_dialog.py" line="27" />
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Scanned</source>
        <translation>Scansionati</translation>
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Item</source>
        <translation>Articolo</translation>
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>SKU</source>
        <translation>Codice</translation>
    </message>
    <message>
        <location filename="../lines.py" line="49" />
        <source>Bin</source>
        <translation>Ubicazione</translation>
    </message>
    <message>
        <location filename="../lines.py" line="104" />
        <source>lot</source>
        <translation>lotto</translation>
    </message>
    <message>
        <location filename="../lines.py" line="105" />
        <source>expiry date</source>
        <translation>scadenza</translation>
    </message>
    <message>
        <location filename="../lines.py" line="106" />
        <source>serial number</source>
        <translation>numero di serie</translation>
    </message>
    <message>
        <location filename="../lines.py" line="112" />
        <source>scan the GS1 code with its {0}</source>
        <translation>scansiona il codice GS1 con {0}</translation>
    </message>
</context>
<context>
    <name>OrderHeader</name>
    <message>
        <location filename="../header.py" line="63" />
        <source>Order {0}</source>
        <translation>Ordine {0}</translation>
    </message>
    <message>
        <location filename="../header.py" line="68" />
        <source>Cash on delivery: € {0}</source>
        <translation>Contrassegno: € {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../header.py" line="17" />
        <source>%n unit(s) left to scan, of {0}</source>
        <translation>
            <numerusform>Manca %n pezzo da scansionare, su {0}</numerusform>
            <numerusform>Mancano %n pezzi da scansionare, su {0}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../header.py" line="72" />
        <source>Customer note: {0}</source>
        <translation>Nota del cliente: {0}</translation>
    </message>
    <message>
        <location filename="../header.py" line="76" />
        <source>No cut-off</source>
        <translation>Nessun orario di ritiro</translation>
    </message>
    <message>
        <location filename="../header.py" line="80" />
        <source>Cut-off {0}</source>
        <translation>Ritiro entro {0}</translation>
    </message>
</context>
<context>
    <name>ParcelsView</name>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Parcel</source>
        <translation>Collo</translation>
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Box</source>
        <translation>Scatola</translation>
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <location filename="../parcels.py" line="27" />
        <source>Expected</source>
        <translation>Atteso</translation>
    </message>
    <message>
        <location filename="../parcels.py" line="71" />
        <source>weighing…</source>
        <translation>pesatura…</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../print_dialog.py" line="65" />
        <source>Print jobs</source>
        <translation>Stampe</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Time</source>
        <translation>Ora</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Job</source>
        <translation>Stampa</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <location filename="../print_dialog.py" line="77" />
        <source>Printer</source>
        <translation>Stampante</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="71" />
        <source>Tries</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="75" />
        <source>Printed today</source>
        <translation>Stampate oggi</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="94" />
        <source>Retry (Enter)</source>
        <translation>Riprova (Invio)</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="95" />
        <source>Redirect… (Ctrl+R)</source>
        <translation>Altra stampante… (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="96" />
        <source>Discard (Del)</source>
        <translation>Scarta (Canc)</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="97" />
        <source>Reprint (Enter)</source>
        <translation>Ristampa (Invio)</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="98" />
        <source>Close (Esc)</source>
        <translation>Chiudi (Esc)</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="111" />
        <source>This bench prints on {0}</source>
        <translation>Questo banco stampa su {0}</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="114" />
        <source>Not printed: {0}</source>
        <translation>Non stampate: {0}</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="114" />
        <source>Nothing failed</source>
        <translation>Nessuna stampa fallita</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="150" />
        <source>Send to another printer</source>
        <translation>Invia a un'altra stampante</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="151" />
        <source>Printer (folder, folder:DIR, zpl:HOST:PORT, cups:QUEUE or qt:NAME):</source>
        <translation>Stampante (folder, folder:CARTELLA, zpl:HOST:PORTA, cups:CODA o qt:NOME):</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="34" />
        <source>Label {0}, parcel {1}</source>
        <translation>Etichetta {0}, collo {1}</translation>
    </message>
    <message>
        <location filename="../print_dialog.py" line="37" />
        <source>Packing slip {0}</source>
        <translation>Distinta di imballaggio {0}</translation>
    </message>
</context>
<context>
    <name>PrintStatus</name>
    <message numerus="yes">
        <location filename="../print_status.py" line="47" />
        <source>%n print(s) failed (Ctrl+P)</source>
        <translation>
            <numerusform>%n stampa non riuscita (Ctrl+P)</numerusform>
            <numerusform>%n stampe non riuscite (Ctrl+P)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../print_status.py" line="85" />
        <source>Printed: {0} on {1}</source>
        <translation>Stampato: {0} su {1}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../queue_model.py" line="46" />
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="47" />
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="48" />
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="49" />
        <source>Cut-off</source>
        <translation>Ritiro</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="50" />
        <source>Carrier</source>
        <translation>Corriere</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="51" />
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="52" />
        <source>Bench</source>
        <translation>Banco</translation>
    </message>
</context>
<context>
    <name>QueueScreen</name>
    <message>
        <location filename="../queue_screen.py" line="38" />
        <source>Search: order number or customer</source>
        <translation>Cerca: numero d'ordine o cliente</translation>
    </message>
    <message>
        <location filename="../queue_screen.py" line="41" />
        <source>All statuses</source>
        <translation>Tutti gli stati</translation>
    </message>
    <message>
        <location filename="../queue_screen.py" line="45" />
        <source>All carriers</source>
        <translation>Tutti i corrieri</translation>
    </message>
    <message>
        <location filename="../queue_screen.py" line="67" />
        <source>&amp;Search:</source>
        <translation>&amp;Cerca:</translation>
    </message>
    <message>
        <location filename="../queue_screen.py" line="69" />
        <source>S&amp;tatus:</source>
        <translation>S&amp;tato:</translation>
    </message>
    <message>
        <location filename="../queue_screen.py" line="71" />
        <source>&amp;Carrier:</source>
        <translation>C&amp;orriere:</translation>
    </message>
    <message numerus="yes">
        <location filename="../queue_screen.py" line="108" />
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n ordine</numerusform>
            <numerusform>%n ordini</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultBanner</name>
    <message>
        <location filename="../banner.py" line="45" />
        <source>WRONG ITEM</source>
        <translation>ARTICOLO SBAGLIATO</translation>
    </message>
    <message>
        <location filename="../banner.py" line="46" />
        <source>UNKNOWN CODE</source>
        <translation>CODICE SCONOSCIUTO</translation>
    </message>
    <message>
        <location filename="../banner.py" line="47" />
        <source>ALREADY PACKED</source>
        <translation>GIÀ IMBALLATO</translation>
    </message>
    <message>
        <location filename="../banner.py" line="48" />
        <source>CHECK THE WEIGHT</source>
        <translation>CONTROLLA IL PESO</translation>
    </message>
</context>
<context>
    <name>ScannerTestDialog</name>
    <message>
        <location filename="../scanner_test.py" line="31" />
        <source>Scanner test</source>
        <translation>Prova scanner</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="36" />
        <source>Scan the scanner test barcode on the demo sheet. It reads {0}.</source>
        <translation>Scansiona il codice di prova dello scanner sul foglio demo. Contiene {0}.</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="41" />
        <source>Waiting for a scan…</source>
        <translation>In attesa di una scansione…</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="51" />
        <source>&amp;Use these layouts</source>
        <translation>&amp;Usa questi layout</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="68" />
        <source>Received: {0}    As read now: {1}</source>
        <translation>Ricevuto: {0}    Letto ora: {1}</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="70" />
        <source>The scanner reads correctly.</source>
        <translation>Lo scanner legge correttamente.</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="81" />
        <source>The scanner types for a {0} keyboard into a {1} one. Use these layouts and the codes will read right.</source>
        <translation>Lo scanner scrive per una tastiera {0} su una {1}. Usa questi layout e i codici verranno letti bene.</translation>
    </message>
    <message>
        <location filename="../scanner_test.py" line="87" />
        <source>This is not the test code: scan the test barcode.</source>
        <translation>Questo non è il codice di prova: scansiona il codice di prova.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../settings_dialog.py" line="64" />
        <source>Bench settings</source>
        <translation>Impostazioni del banco</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="68" />
        <source>Folder (files, no printer)</source>
        <translation>Cartella (file, nessuna stampante)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="69" />
        <source>System default printer</source>
        <translation>Stampante predefinita del sistema</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="73" />
        <source>a system printer, folder, cups:QUEUE, or zpl:HOST:PORT for a label printer</source>
        <translation>una stampante di sistema, folder, cups:CODA, o zpl:HOST:PORTA per una stampante di etichette</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="75" />
        <source>Simulated</source>
        <translation>Simulata</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="75" />
        <source>None: type the weight</source>
        <translation>Nessuna: digita il peso</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="76" />
        <source>Simulated, through the serial driver</source>
        <translation>Simulata, tramite il driver seriale</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>Not watched</source>
        <translation>Non sorvegliato</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>The keyboard scanner&apos;s /dev/input/by-id link: the bench shows when it is unplugged</source>
        <translation>Il collegamento /dev/input/by-id dello scanner a tastiera: il banco mostra quando è scollegato</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="85" />
        <source>Keyboard scanner &amp;device:</source>
        <translation>&amp;Dispositivo dello scanner a tastiera:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="80" />
        <source>empty: a keyboard scanner</source>
        <translation>vuoto: uno scanner a tastiera</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="82" />
        <source>A serial scanner's port (e.g. /dev/ttyACM0): its health shows on the bench</source>
        <translation>La porta di uno scanner seriale (es. /dev/ttyACM0): il suo stato si vede al banco</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="98" />
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="99" />
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="101" />
        <source>Full screen (kiosk)</source>
        <translation>Schermo intero (chiosco)</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="110" />
        <source>&amp;Bench name:</source>
        <translation>Nome del &amp;banco:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="111" />
        <source>&amp;Printer:</source>
        <translation>&amp;Stampante:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="112" />
        <source>S&amp;cale:</source>
        <translation>&amp;Bilancia:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="113" />
        <source>Serial scanner p&amp;ort:</source>
        <translation>P&amp;orta scanner seriale:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="114" />
        <source>Scanner &amp;layout:</source>
        <translation>&amp;Layout dello scanner:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="115" />
        <source>&amp;Keyboard layout:</source>
        <translation>Layout della &amp;tastiera:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="116" />
        <source>Weight tolerance (&amp;g):</source>
        <translation>Tolleranza peso (&amp;g):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="117" />
        <source>Weight tolerance (&amp;%):</source>
        <translation>Tolleranza peso (&amp;%):</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="119" />
        <source>L&amp;anguage:</source>
        <translation>Li&amp;ngua:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="120" />
        <source>Lock &amp;after idle:</source>
        <translation>Blocca &amp;dopo inattività:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="134" />
        <source>Warehouse &amp;hub:</source>
        <translation>&amp;Hub di magazzino:</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="148" />
        <source>&amp;Join</source>
        <translation>&amp;Unisciti</translation>
    </message>
    <message>
        <location filename="../settings_dialog.py" line="1" />
        <source>Joining the hub…</source>
        <translation>Collegamento all'hub…</translation>
    </message>
</context>
<context>
    <name>SignInScreen</name>
    <message>
        <location filename="../signin.py" line="48" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../signin.py" line="66" />
        <source>Demo: scan a badge or type a PIN</source>
        <translation>Demo: scansiona un badge o digita un PIN</translation>
    </message>
    <message>
        <location filename="../signin.py" line="68" />
        <source>lead</source>
        <translation>capoturno</translation>
    </message>
    <message>
        <location filename="../signin.py" line="68" />
        <source>operator</source>
        <translation>operatore</translation>
    </message>
    <message>
        <location filename="../signin.py" line="69" />
        <source>{0} ({1}): badge {2}, PIN {3}</source>
        <translation>{0} ({1}): badge {2}, PIN {3}</translation>
    </message>
    <message>
        <location filename="../signin.py" line="82" />
        <source>Lead sign-in</source>
        <translation>Accesso capoturno</translation>
    </message>
    <message>
        <location filename="../signin.py" line="84" />
        <source>A lead types their PIN to override. Esc goes back to the bench.</source>
        <translation>Il capoturno digita il suo PIN per forzare. Esc torna al banco.</translation>
    </message>
    <message>
        <location filename="../signin.py" line="87" />
        <source>Bench locked</source>
        <translation>Banco bloccato</translation>
    </message>
    <message>
        <location filename="../signin.py" line="89" />
        <source>{0} was signed in. Scan your badge or type your PIN and Enter.</source>
        <translation>Era collegato {0}. Scansiona il badge o digita il PIN e premi Invio.</translation>
    </message>
    <message>
        <location filename="../signin.py" line="94" />
        <source>Sign in</source>
        <translation>Accesso</translation>
    </message>
    <message>
        <location filename="../signin.py" line="95" />
        <source>Scan your badge, or type your PIN and press Enter.</source>
        <translation>Scansiona il badge, oppure digita il PIN e premi Invio.</translation>
    </message>
</context>
<context>
    <name>SoundPlayer</name>
    <message>
        <location filename="../sound.py" line="51" />
        <source>No sound: Qt Multimedia is not installed on this computer.</source>
        <translation>Nessun suono: Qt Multimedia non è installato su questo computer.</translation>
    </message>
    <message>
        <location filename="../sound.py" line="54" />
        <source>No sound: this computer has no audio output.</source>
        <translation>Nessun suono: questo computer non ha un'uscita audio.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../queue_model.py" line="133" />
        <source>queued</source>
        <translation>in coda</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="134" />
        <source>packing</source>
        <translation>in imballaggio</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="135" />
        <source>held</source>
        <translation>sospeso</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="136" />
        <source>shipped</source>
        <translation>spedito</translation>
    </message>
    <message>
        <location filename="../queue_model.py" line="137" />
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
</context>
<context>
    <name>BoardModel</name>
    <message>
        <location filename="../lead_models.py" line="120" />
        <source>Bench</source>
        <translation>Banco</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="121" />
        <source>Operator</source>
        <translation>Operatore</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="122" />
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="123" />
        <source>Progress</source>
        <translation>Avanzamento</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="124" />
        <source>Last scan</source>
        <translation>Ultima scansione</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="125" />
        <source>Assigned</source>
        <translation>Assegnati</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="126" />
        <source>Devices</source>
        <translation>Dispositivi</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="127" />
        <source>Replication</source>
        <translation>Replica</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="141" />
        <source>Offline (last heard {0})</source>
        <translation>Non in linea (ultimo segnale {0})</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="143" />
        <source>Packing order {0}</source>
        <translation>Imballa l'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="145" />
        <source>Weighing order {0}</source>
        <translation>Pesa l'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="146" />
        <source>Idle</source>
        <translation>Libero</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="161" />
        <source>not reported</source>
        <translation>non segnalato</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>warning</source>
        <translation>attenzione</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>FAILED</source>
        <translation>GUASTO</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>scale {0} · printer {1} · scanner {2}</source>
        <translation>bilancia {0} · stampante {1} · scanner {2}</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>on its own</source>
        <translation>da solo</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} s behind</source>
        <translation>{0} s indietro</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} min behind</source>
        <translation>{0} min indietro</translation>
    </message>
</context>
<context>
    <name>CarrierModel</name>
    <message>
        <location filename="../lead_models.py" line="236" />
        <source>Carrier</source>
        <translation>Corriere</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="237" />
        <source>Open</source>
        <translation>Aperti</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="238" />
        <source>At risk</source>
        <translation>A rischio</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="239" />
        <source>Late</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="240" />
        <source>Next pick-up</source>
        <translation>Prossimo ritiro</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="241" />
        <source>Time left</source>
        <translation>Tempo rimasto</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Packed per hour</source>
        <translation>Imballati all'ora</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>– (the warehouse's)</source>
        <translation>– (quello del magazzino)</translation>
    </message>
</context>
<context>
    <name>ClockModel</name>
    <message>
        <location filename="../lead_models.py" line="179" />
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="180" />
        <source>Carrier</source>
        <translation>Corriere</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="181" />
        <source>Pick-up</source>
        <translation>Ritiro</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="182" />
        <source>Time left</source>
        <translation>Tempo rimasto</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="183" />
        <source>Priority</source>
        <translation>Priorità</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="184" />
        <source>Where</source>
        <translation>Dove</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="185" />
        <source>Flag</source>
        <translation>Segnale</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="206" />
        <source>Late</source>
        <translation>In ritardo</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="206" />
        <source>At risk</source>
        <translation>A rischio</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="211" />
        <source>packing at {0}</source>
        <translation>in imballaggio a {0}</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="211" />
        <source>for {0}</source>
        <translation>per {0}</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="213" />
        <source>queue</source>
        <translation>coda</translation>
    </message>
</context>
<context>
    <name>FiguresPane</name>
    <message>
        <location filename="../lead_figures.py" line="44" />
        <source>This shift</source>
        <translation>Questo turno</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="45" />
        <source>Today</source>
        <translation>Oggi</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="47" />
        <source>Export CSV…</source>
        <translation>Esporta CSV…</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="52" />
        <source>Orders and units per packer-hour</source>
        <translation>Ordini e pezzi per ora di imballaggio</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="53" />
        <source>Scan errors by kind</source>
        <translation>Errori di scansione per tipo</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="86" />
        <source>{0}: {1} to {2}</source>
        <translation>{0}: dalle {1} alle {2}</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="97" />
        <source>Everyone</source>
        <translation>Tutti</translation>
    </message>
    <message>
        <location filename="../lead_figures.py" line="142" />
        <source>Export figures</source>
        <translation>Esporta i dati</translation>
    </message>
</context>
<context>
    <name>HeldModel</name>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Held order</source>
        <translation>Ordine sospeso</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Carrier</source>
        <translation>Corriere</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Pick-up</source>
        <translation>Ritiro</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="273" />
        <source>Why</source>
        <translation>Perché</translation>
    </message>
</context>
<context>
    <name>LeadConsole</name>
    <message>
        <location filename="../lead_window.py" line="109" />
        <source>Lead console — {0}</source>
        <translation>Console del capoturno — {0}</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="147" />
        <source>Board</source>
        <translation>Bacheca</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="148" />
        <source>Queue against the clock</source>
        <translation>Coda contro l'orario</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="149" />
        <source>Figures</source>
        <translation>Dati</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="183" />
        <source>&amp;Order</source>
        <translation>&amp;Ordine</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="185" />
        <source>Move to a bench…</source>
        <translation>Sposta a un banco…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="186" />
        <source>Unassign (back to the queue)</source>
        <translation>Togli l'assegnazione (torna in coda)</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="187" />
        <source>Hold…</source>
        <translation>Sospendi…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="188" />
        <source>Release</source>
        <translation>Sblocca</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="189" />
        <source>Bump to the head of the queue</source>
        <translation>Porta in testa alla coda</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="190" />
        <source>Set priority…</source>
        <translation>Imposta la priorità…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="191" />
        <source>Export figures (CSV)…</source>
        <translation>Esporta i dati (CSV)…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="223" />
        <source>{0} open orders · packing rate {1} orders/hour (last hour)</source>
        <translation>{0} ordini aperti · ritmo {1} ordini/ora (ultima ora)</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="268" />
        <source>Move order {0}</source>
        <translation>Sposta l'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="268" />
        <source>Bench:</source>
        <translation>Banco:</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="283" />
        <source>Hold order {0}</source>
        <translation>Sospendi l'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="283" />
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="307" />
        <source>Priority of order {0}</source>
        <translation>Priorità dell'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="308" />
        <source>Priority:</source>
        <translation>Priorità:</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Assign to an operator…</source>
        <translation>Assegna a un operatore…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Assign order {0}</source>
        <translation>Assegna l'ordine {0}</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Operator:</source>
        <translation>Operatore:</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="1" />
        <source>Picking shorts</source>
        <translation>Mancanti al prelievo</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="1" />
        <source>Labels waiting</source>
        <translation>Etichette in attesa</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Void an order's shipment…</source>
        <translation>Annulla la spedizione di un ordine…</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Void a shipment</source>
        <translation>Annulla una spedizione</translation>
    </message>
    <message>
        <location filename="../lead_window.py" line="0" />
        <source>Order number:</source>
        <translation>Numero d'ordine:</translation>
    </message>
</context>
<context>
    <name>LeadTimes</name>
    <message>
        <location filename="../lead_models.py" line="39" />
        <source>{0} s ago</source>
        <translation>{0} s fa</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="41" />
        <source>{0} min ago</source>
        <translation>{0} min fa</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="42" />
        <source>{0} h ago</source>
        <translation>{0} h fa</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="50" />
        <source>{0} min late</source>
        <translation>in ritardo di {0} min</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="51" />
        <source>{0} h {1:02d} min</source>
        <translation>{0} h {1:02d} min</translation>
    </message>
</context>
<context>
    <name>PickWindow</name>
    <message>
        <location filename="../pick_window.py" line="74" />
        <source>Station: picking</source>
        <translation>Station: prelievo</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="126" />
        <source>Taking a batch…</source>
        <translation>Preparo un giro…</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="153" />
        <source>Batch done</source>
        <translation>Giro finito</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="153" />
        <source>No batch</source>
        <translation>Nessun giro</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="159" />
        <source>Tote {0} of {1}</source>
        <translation>Cassetta {0} di {1}</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="160" />
        <source>TOTES</source>
        <translation>CASSETTE</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="161" />
        <source>Order {0}</source>
        <translation>Ordine {0}</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="162" />
        <source>Scan an empty tote</source>
        <translation>Scansiona una cassetta vuota</translation>
    </message>
    <message>
        <location filename="../pick_window.py" line="165" />
        <source>Stop {0} of {1} · order {2}</source>
        <translation>Tappa {0} di {1} · ordine {2}</translation>
    </message>
</context>
<context>
    <name>ShortsModel</name>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Bin</source>
        <translation>Ubicazione</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Product</source>
        <translation>Prodotto</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Found</source>
        <translation>Trovati</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Picker</source>
        <translation>Addetto al prelievo</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Tote</source>
        <translation>Cassetta</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>{0} of {1}</source>
        <translation>{0} di {1}</translation>
    </message>
</context>
<context>
    <name>LabelsModel</name>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Since</source>
        <translation>Dal</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Parcel</source>
        <translation>Collo</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Carrier</source>
        <translation>Corriere</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Packed at</source>
        <translation>Imballato a</translation>
    </message>
    <message>
        <location filename="../lead_models.py" line="1" />
        <source>Why</source>
        <translation>Perché</translation>
    </message>
</context>
</TS>
