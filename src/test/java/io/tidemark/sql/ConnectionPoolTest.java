package io.tidemark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** JDBC URLs as they appear in logs: no user info, no password. */
class ConnectionPoolTest {

    @Test
    void userAndPasswordBeforeTheHostAreRemoved() {
        assertEquals("jdbc:mysql://db.example.com:3306/shop",
                ConnectionPool.redact("jdbc:mysql://tidemark:s3cret@db.example.com:3306/shop"));
    }

    @Test
    void aUserWithoutPasswordBeforeTheHostIsRemoved() {
        assertEquals("jdbc:mysql://db:3306/shop", ConnectionPool.redact("jdbc:mysql://tidemark@db:3306/shop"));
    }

    @Test
    void aPercentEncodedAtSignInThePasswordIsRemovedWithIt() {
        assertEquals("jdbc:mysql://db/shop", ConnectionPool.redact("jdbc:mysql://tidemark:p%40ss@db/shop"));
    }

    @Test
    void userInfoBeforeTheFirstOfSeveralHostsIsRemoved() {
        assertEquals("jdbc:mysql://h1:3306,h2:3306/shop",
                ConnectionPool.redact("jdbc:mysql://tidemark:s3cret@h1:3306,h2:3306/shop"));
    }

    @Test
    void aPasswordParameterIsMasked() {
        assertEquals("jdbc:mysql://db:3306/shop?user=tidemark&password=***&useSSL=true",
                ConnectionPool.redact("jdbc:mysql://db:3306/shop?user=tidemark&password=s3cret&useSSL=true"));
    }

    @Test
    void aPasswordParameterIsMaskedWhateverItsCase() {
        assertEquals("jdbc:mysql://db/shop?Password=***", ConnectionPool.redact("jdbc:mysql://db/shop?Password=s3cret"));
    }

    @Test
    void aPwdParameterIsMasked() {
        assertEquals("jdbc:mariadb://db/shop?pwd=***", ConnectionPool.redact("jdbc:mariadb://db/shop?pwd=s3cret"));
    }

    @Test
    void aPasswordBeforeASemicolonIsMaskedUpToIt() {
        assertEquals("jdbc:mysql://db/shop;password=***;user=tidemark",
                ConnectionPool.redact("jdbc:mysql://db/shop;password=s3cret;user=tidemark"));
    }

    @Test
    void aKeyStorePasswordParameterIsMaskedToo() {
        assertEquals("jdbc:mysql://db/shop?trustCertificateKeyStorePassword=***&sslMode=VERIFY_CA",
                ConnectionPool.redact("jdbc:mysql://db/shop?trustCertificateKeyStorePassword=s3cret&sslMode=VERIFY_CA"));
    }

    @Test
    void userInfoAndPasswordParameterAreBothRemoved() {
        String redacted = ConnectionPool.redact("jdbc:mysql://tidemark:first@db/shop?password=second");
        assertEquals("jdbc:mysql://db/shop?password=***", redacted);
    }

    @Test
    void aUrlWithoutCredentialsIsUnchanged() {
        String url = "jdbc:mysql://db:3306/shop?useSSL=false&serverTimezone=UTC";
        assertEquals(url, ConnectionPool.redact(url));
    }

    @Test
    void multifactorPasswordParametersAreMasked() {
        String redacted = ConnectionPool.redact("jdbc:mysql://db/shop?user=tidemark&password1=s3cret&password2=t0ken");
        assertFalse(redacted.contains("s3cret"), redacted);
        assertFalse(redacted.contains("t0ken"), redacted);
    }
}
