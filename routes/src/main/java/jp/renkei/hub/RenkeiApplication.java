package jp.renkei.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RenkeiApplication {
    public static void main(String[] args) {
        SpringApplication.run(RenkeiApplication.class, args);
    }
}
