package jp.renkei.connectors.store;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Encryption at rest for the content store: AES-256-GCM in segments, so that units of any size stream in constant
 * memory (the JDK's {@code CipherInputStream} would hold a whole GCM message before releasing a byte of it).
 *
 * <p>File layout: {@code "RKC1"}, a 32-byte random salt and a 7-byte random nonce prefix, then segments of
 * {@value #SEGMENT} plaintext bytes (the last one shorter, possibly empty), each sealed with AES-GCM under a key
 * derived for this file (HKDF-SHA256 of the master key and the salt) and the nonce {@code prefix ‖ segment number
 * (4 bytes) ‖ last-segment flag (1 byte)}. The flag makes a truncated file fail authentication, the number a
 * reordered one (the STREAM construction; Tink's AES-GCM-HKDF streaming AEAD is built alike).
 */
public final class ContentCipher {

    static final byte[] MAGIC = "RKC1".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT = 64 * 1024;
    private static final int TAG = 16;
    private static final int SALT = 32;
    private static final int PREFIX = 7;
    private static final byte[] INFO = "renkei content store v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] masterKey;

    private ContentCipher(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the content key must be 32 bytes (AES-256), was " + masterKey.length);
        }
        this.masterKey = masterKey.clone();
    }

    /** A key given as Base64 of 32 bytes (e.g. {@code RENKEI_CONTENT_KEY}; {@code openssl rand -base64 32}). */
    public static ContentCipher ofBase64Key(String base64) {
        try {
            return new ContentCipher(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the content key is not Base64 of 32 bytes: " + e.getMessage(), e);
        }
    }

    /** The AES key {@code alias} of a PKCS#12 key store (keytool -genseckey -keyalg AES -keysize 256 -storetype PKCS12). */
    public static ContentCipher fromKeyStore(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof SecretKey key)) {
                throw new IllegalArgumentException(file + ": no secret key under alias '" + alias + "'");
            }
            return new ContentCipher(key.getEncoded());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the content key from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code head} (the first bytes of a stored file) starts like an encrypted one. */
    static boolean isEncrypted(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /** A stream that encrypts into {@code out}; closing it writes the last segment and closes {@code out}. */
    public OutputStream encrypt(OutputStream out) throws IOException {
        byte[] salt = random(SALT);
        byte[] prefix = random(PREFIX);
        out.write(MAGIC);
        out.write(salt);
        out.write(prefix);
        return new Sealing(out, fileKey(salt), prefix);
    }

    /** A stream of the plaintext of {@code in} (positioned at the start of an encrypted file); fails on any alteration. */
    public InputStream decrypt(InputStream in, String name) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!isEncrypted(magic)) {
            throw new IOException(name + " is not encrypted content (no RKC1 header)");
        }
        byte[] salt = in.readNBytes(SALT);
        byte[] prefix = in.readNBytes(PREFIX);
        if (prefix.length != PREFIX) {
            throw new EOFException(name + ": encrypted content cut short in its header");
        }
        return new Opening(new PushbackInputStream(in, 1), fileKey(salt), prefix, name);
    }

    private SecretKey fileKey(byte[] salt) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(masterKey, salt, INFO));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] nonce(byte[] prefix, int segment, boolean last) {
        return ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] prefix, int segment, boolean last) throws IOException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce(prefix, segment, last)));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES-GCM unavailable: " + e.getMessage(), e);
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static final class Sealing extends FilterOutputStream {
        private final SecretKey key;
        private final byte[] prefix;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(SEGMENT);
        private int segment;
        private boolean closed;

        Sealing(OutputStream out, SecretKey key, byte[] prefix) {
            super(out);
            this.key = key;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (buffer.size() == SEGMENT) {
                    seal(false); // more follows: this one is not the last
                }
                int n = Math.min(len, SEGMENT - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
            }
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, prefix, segment++, last).doFinal(buffer.toByteArray()));
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot encrypt a content segment: " + e.getMessage(), e);
            }
            buffer.reset();
        }

        @Override
        public void flush() throws IOException {
            out.flush(); // the open segment is sealed on close only
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(true);
                out.flush();
            } finally {
                out.close();
            }
        }
    }

    private static final class Opening extends InputStream {
        private final PushbackInputStream in;
        private final SecretKey key;
        private final byte[] prefix;
        private final String name;
        private byte[] plain = new byte[0];
        private int position;
        private int segment;
        private boolean done;

        Opening(PushbackInputStream in, SecretKey key, byte[] prefix, String name) {
            this.in = in;
            this.key = key;
            this.prefix = prefix;
            this.name = name;
        }

        private boolean fill() throws IOException {
            while (position == plain.length) {
                if (done) {
                    return false;
                }
                byte[] sealed = in.readNBytes(SEGMENT + TAG);
                boolean last = sealed.length < SEGMENT + TAG;
                if (!last) {
                    int next = in.read();
                    if (next < 0) {
                        last = true;
                    } else {
                        in.unread(next);
                    }
                }
                try {
                    plain = cipher(Cipher.DECRYPT_MODE, key, prefix, segment++, last).doFinal(sealed);
                } catch (AEADBadTagException e) {
                    throw new IOException(name + ": encrypted content fails authentication at segment " + (segment - 1)
                            + " (altered, truncated or another key)", e);
                } catch (GeneralSecurityException e) {
                    throw new IOException(name + ": cannot decrypt segment " + (segment - 1) + ": " + e.getMessage(), e);
                }
                position = 0;
                done = last;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, plain.length - position);
            System.arraycopy(plain, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
