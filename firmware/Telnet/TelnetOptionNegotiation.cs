namespace NanoTcp.Firmware
{
    /// <summary>
    /// Telnet option negotiation for one session, RFC 855 done with the loop-free "Q method" of RFC 1143.
    /// We offer WILL ECHO and WILL SUPPRESS-GO-AHEAD (RFC 857, 858), which makes Linux <c>telnet</c> switch to
    /// character-at-a-time mode with remote echo; we accept the client's SUPPRESS-GO-AHEAD and refuse everything
    /// else. A reply is sent only when a state changes or a request is refused, so no request is ever answered
    /// twice and two correct implementations cannot loop (RFC 854: "do not acknowledge a request to enter a mode
    /// you are already in"). Timing Mark (RFC 860) is answered WILL every time and never stored.
    /// </summary>
    public sealed class TelnetOptionNegotiation
    {
        // RFC 1143 states. WANTNO never occurs: we never ask to disable an option, so no queue bit is needed.
        private const byte No = 0;
        private const byte Yes = 1;
        private const byte WantYes = 2;

        private byte _usEcho;
        private byte _usSga;
        private byte _himSga;

        /// <summary>True while we echo the client's input (local option ECHO is on).</summary>
        public bool EchoOn => _usEcho == Yes;

        /// <summary>True while we do not send Go Ahead (local option SUPPRESS-GO-AHEAD is on).</summary>
        public bool SuppressGoAheadOn => _usSga == Yes;

        /// <summary>True once the peer has sent any negotiation (it is a telnet client, not a raw TCP client).</summary>
        public bool PeerNegotiates { get; private set; }

        /// <summary>Forgets everything (a new connection).</summary>
        public void Reset()
        {
            _usEcho = No;
            _usSga = No;
            _himSga = No;
            PeerNegotiates = false;
        }

        /// <summary>Sends our opening offers, WILL ECHO and WILL SUPPRESS-GO-AHEAD, and waits for the answers.</summary>
        public void Offer(AsciiWriter output)
        {
            _usEcho = WantYes;
            Send(output, TelnetCommand.WILL, TelnetOption.Echo);
            _usSga = WantYes;
            Send(output, TelnetCommand.WILL, TelnetOption.SuppressGoAhead);
        }

        /// <summary>
        /// Handles one received IAC WILL/WONT/DO/DONT <paramref name="option"/> and writes at most one 3-byte reply.
        /// </summary>
        public void Receive(byte verb, byte option, AsciiWriter output)
        {
            PeerNegotiates = true;
            switch (verb)
            {
                case TelnetCommand.DO:
                    ReceiveDo(option, output);
                    break;
                case TelnetCommand.DONT:
                    ReceiveDont(option, output);
                    break;
                case TelnetCommand.WILL:
                    ReceiveWill(option, output);
                    break;
                case TelnetCommand.WONT:
                    ReceiveWont(option, output);
                    break;
            }
        }

        // DO: the peer asks us to enable (or confirms our WILL).
        private void ReceiveDo(byte option, AsciiWriter output)
        {
            if (option == TelnetOption.Echo) _usEcho = AgreeToEnable(_usEcho, TelnetCommand.WILL, option, output);
            else if (option == TelnetOption.SuppressGoAhead) _usSga = AgreeToEnable(_usSga, TelnetCommand.WILL, option, output);
            else if (option == TelnetOption.TimingMark) Send(output, TelnetCommand.WILL, option);
            else Send(output, TelnetCommand.WONT, option);
        }

        // DONT: the peer asks us to disable (or refuses our WILL).
        private void ReceiveDont(byte option, AsciiWriter output)
        {
            if (option == TelnetOption.Echo) _usEcho = Disable(_usEcho, TelnetCommand.WONT, option, output);
            else if (option == TelnetOption.SuppressGoAhead) _usSga = Disable(_usSga, TelnetCommand.WONT, option, output);
            // Any other option is already off on our side: nothing to acknowledge (RFC 1143, state NO).
        }

        // WILL: the peer offers to enable an option on its side.
        private void ReceiveWill(byte option, AsciiWriter output)
        {
            if (option == TelnetOption.SuppressGoAhead) _himSga = AgreeToEnable(_himSga, TelnetCommand.DO, option, output);
            else Send(output, TelnetCommand.DONT, option); // includes ECHO: both ends echoing would loop characters
        }

        // WONT: the peer disables (or refuses) an option on its side.
        private void ReceiveWont(byte option, AsciiWriter output)
        {
            if (option == TelnetOption.SuppressGoAhead) _himSga = Disable(_himSga, TelnetCommand.DONT, option, output);
        }

        // RFC 1143: NO -> YES with an acknowledgement; WANTYES -> YES (the answer to our own request); YES -> ignore.
        private static byte AgreeToEnable(byte state, byte acknowledge, byte option, AsciiWriter output)
        {
            if (state == No) Send(output, acknowledge, option);
            return Yes;
        }

        // RFC 1143: YES -> NO with an acknowledgement; WANTYES -> NO (our request was refused); NO -> ignore.
        private static byte Disable(byte state, byte acknowledge, byte option, AsciiWriter output)
        {
            if (state == Yes) Send(output, acknowledge, option);
            return No;
        }

        private static void Send(AsciiWriter output, byte verb, byte option)
        {
            output.Write(TelnetCommand.IAC);
            output.Write(verb);
            output.Write(option);
        }
    }
}
