package jp.renkei.connectors;
