package jp.renkei.simulators;
