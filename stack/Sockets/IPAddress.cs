namespace NanoTcp.Sockets
{
    /// <summary>
    /// An IPv4 address in the shape of System.Net.IPAddress: parse "192.0.2.2", print it, compare it. Immutable;
    /// the value inside is the stack's <see cref="uint"/> (first octet in the most significant byte, see
    /// <see cref="Ip4"/>), so converting costs nothing.
    /// </summary>
    public sealed class IPAddress
    {
        /// <summary>0.0.0.0.</summary>
        public static readonly IPAddress Any = new IPAddress(Ip4.Any);

        /// <summary>255.255.255.255.</summary>
        public static readonly IPAddress Broadcast = new IPAddress(Ip4.Broadcast);

        private readonly uint _value;

        /// <summary>Wraps a stack address (192.0.2.2 is 0xC0000202).</summary>
        public IPAddress(uint address)
        {
            _value = address;
        }

        /// <summary>Builds the address from four octets, first one first.</summary>
        public IPAddress(byte[] octets)
        {
            if (octets == null || octets.Length != 4) throw new System.ArgumentException("an IPv4 address has 4 octets");
            _value = Ip4.Address(octets[0], octets[1], octets[2], octets[3]);
        }

        /// <summary>The stack's form of the address, as <see cref="NetworkStack"/> takes it.</summary>
        public uint ToUInt32() => _value;

        /// <summary>The four octets, first one first (allocates).</summary>
        public byte[] GetAddressBytes()
        {
            return new byte[] { (byte)Ip4.Octet(_value, 0), (byte)Ip4.Octet(_value, 1), (byte)Ip4.Octet(_value, 2), (byte)Ip4.Octet(_value, 3) };
        }

        /// <summary>Parses dotted-decimal text; throws <see cref="System.FormatException"/> for anything else.</summary>
        public static IPAddress Parse(string text)
        {
            IPAddress address;
            if (!TryParse(text, out address)) throw new System.FormatException("not a dotted-decimal IPv4 address");
            return address;
        }

        /// <summary>Parses dotted-decimal text; false (and null) for anything else. Never throws.</summary>
        public static bool TryParse(string text, out IPAddress address)
        {
            uint value;
            address = Ip4.TryParse(text, out value) ? new IPAddress(value) : null;
            return address != null;
        }

        /// <summary>Dotted-decimal text (allocates).</summary>
        public override string ToString() => Ip4.ToString(_value);

        /// <inheritdoc />
        public override bool Equals(object obj)
        {
            IPAddress other = obj as IPAddress;
            return other != null && other._value == _value;
        }

        /// <inheritdoc />
        public override int GetHashCode() => (int)_value;
    }
}
